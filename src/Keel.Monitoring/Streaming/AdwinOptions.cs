using System.Globalization;

namespace Keel.Monitoring.Streaming;

/// <summary>Options of <see cref="Adwin"/>, with River's defaults (<c>river.drift.ADWIN</c>) and River's names on the command line.</summary>
public sealed record AdwinOptions
{
    /// <summary>The significance value δ of the cut test (<c>delta</c>). The default value is 0.002; the range is (0, 1).</summary>
    public double Delta { get; init; } = 0.002;

    /// <summary>Look for a cut every this many values (<c>clock</c>); 1 means after every value. The default value is 32; at least 1.</summary>
    public int Clock { get; init; } = 32;

    /// <summary>Buckets of each size kept before the two oldest merge (<c>max_buckets</c>, ADWIN2's M). The default value is 5; at least 1.</summary>
    public int MaxBuckets { get; init; } = 5;

    /// <summary>The fewest values a subwindow may hold for a cut to be tested (<c>min_window_length</c>). The default value is 5; at least 1.</summary>
    public int MinWindowLength { get; init; } = 5;

    /// <summary>No cut is tested until the window holds more than this many values (<c>grace_period</c>). The default value is 10; at least 0.</summary>
    public int GracePeriod { get; init; } = 10;

    public IEnumerable<string> Validate()
    {
        if (!(Delta is > 0 and < 1)) yield return $"delta must be between 0 and 1 (both excluded); it is {Delta.ToString(CultureInfo.InvariantCulture)}.";
        if (Clock < 1) yield return $"clock must be at least 1; it is {Clock}.";
        if (MaxBuckets < 1) yield return $"max_buckets must be at least 1; it is {MaxBuckets}.";
        if (MinWindowLength < 1) yield return $"min_window_length must be at least 1; it is {MinWindowLength}.";
        if (GracePeriod < 0) yield return $"grace_period must be at least 0; it is {GracePeriod}.";
    }
}

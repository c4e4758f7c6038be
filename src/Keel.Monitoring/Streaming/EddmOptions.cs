using System.Globalization;

namespace Keel.Monitoring.Streaming;

/// <summary>Options of <see cref="Eddm"/>, with River's defaults (<c>river.drift.binary.EDDM</c>) and River's names on the command line.</summary>
public sealed record EddmOptions
{
    /// <summary>Values and errors seen before a warning or drift can be signalled (<c>warm_start</c>). The default value is 30; at least 0.</summary>
    public int WarmStart { get; init; } = 30;

    /// <summary>Below this share of its maximum, the distance statistic is a warning (<c>alpha</c>). The default value is 0.95; in (0, 1], at least beta.</summary>
    public double Alpha { get; init; } = 0.95;

    /// <summary>Below this share of its maximum, the distance statistic is a drift (<c>beta</c>). The default value is 0.9; in (0, 1], at most alpha.</summary>
    public double Beta { get; init; } = 0.9;

    public IEnumerable<string> Validate()
    {
        if (WarmStart < 0) yield return $"warm_start must be at least 0; it is {WarmStart}.";
        if (!(Alpha is > 0 and <= 1)) yield return $"alpha must be above 0 and at most 1; it is {Alpha.ToString(CultureInfo.InvariantCulture)}.";
        if (!(Beta is > 0 and <= 1)) yield return $"beta must be above 0 and at most 1; it is {Beta.ToString(CultureInfo.InvariantCulture)}.";
        if (Alpha < Beta) yield return $"alpha ({Alpha.ToString(CultureInfo.InvariantCulture)}) must be at least beta ({Beta.ToString(CultureInfo.InvariantCulture)}): the warning comes before the drift.";
    }
}

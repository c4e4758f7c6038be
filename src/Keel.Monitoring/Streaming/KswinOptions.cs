using System.Globalization;

namespace Keel.Monitoring.Streaming;

/// <summary>Options of <see cref="Kswin"/>, with River's defaults (<c>river.drift.KSWIN</c>) and River's names on the command line.</summary>
public sealed record KswinOptions
{
    /// <summary>The significance level of the Kolmogorov-Smirnov test (<c>alpha</c>); River advises below 0.01. The default value is 0.005; in [0, 1].</summary>
    public double Alpha { get; init; } = 0.005;

    /// <summary>The sliding window's length (<c>window_size</c>). The default value is 100; at least twice stat_size.</summary>
    public int WindowSize { get; init; } = 100;

    /// <summary>
    /// The newest values tested, and the number of older values drawn to test them against (<c>stat_size</c>). The
    /// default value is 30; from 1 to 10,000 (up to which SciPy's test, and Keel's, is exact).
    /// </summary>
    public int StatSize { get; init; } = 30;

    /// <summary>
    /// The seed of the draws of older values (<c>seed</c>). The default value is 0. River's default, None, seeds from
    /// the operating system; Keel always seeds, and the same seed draws the same values as River's KSWIN.
    /// </summary>
    public int Seed { get; init; }

    public IEnumerable<string> Validate()
    {
        if (!(Alpha is >= 0 and <= 1)) yield return $"alpha must be between 0 and 1; it is {Alpha.ToString(CultureInfo.InvariantCulture)}.";
        if (StatSize is < 1 or > SmirnovDistribution.MaxExactSize) yield return $"stat_size must be between 1 and {SmirnovDistribution.MaxExactSize}; it is {StatSize}.";
        if (WindowSize < 2L * StatSize)
            yield return $"window_size must be at least twice stat_size ({2L * StatSize}), so that stat_size older values can be drawn apart from the stat_size newest; it is {WindowSize}.";
    }
}

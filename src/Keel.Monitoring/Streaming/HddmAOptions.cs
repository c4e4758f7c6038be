using System.Globalization;

namespace Keel.Monitoring.Streaming;

/// <summary>Options of <see cref="HddmA"/>, with River's defaults (<c>river.drift.binary.HDDM_A</c>) and River's names on the command line.</summary>
public sealed record HddmAOptions
{
    /// <summary>The confidence level of the drift test (<c>drift_confidence</c>). The default value is 0.001; in (0, 1).</summary>
    public double DriftConfidence { get; init; } = 0.001;

    /// <summary>The confidence level of the warning test (<c>warning_confidence</c>). The default value is 0.005; in (0, 1).</summary>
    public double WarningConfidence { get; init; } = 0.005;

    /// <summary>Also watch for the mean decreasing (<c>two_sided_test</c>). The default value is false: increases only.</summary>
    public bool TwoSidedTest { get; init; }

    public IEnumerable<string> Validate()
    {
        if (!(DriftConfidence is > 0 and < 1)) yield return $"drift_confidence must be between 0 and 1 (both excluded); it is {DriftConfidence.ToString(CultureInfo.InvariantCulture)}.";
        if (!(WarningConfidence is > 0 and < 1)) yield return $"warning_confidence must be between 0 and 1 (both excluded); it is {WarningConfidence.ToString(CultureInfo.InvariantCulture)}.";
    }
}

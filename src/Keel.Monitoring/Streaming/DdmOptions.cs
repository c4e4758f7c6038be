using System.Globalization;

namespace Keel.Monitoring.Streaming;

/// <summary>Options of <see cref="Ddm"/>, with River's defaults (<c>river.drift.binary.DDM</c>) and River's names on the command line.</summary>
public sealed record DdmOptions
{
    /// <summary>Values seen before a warning or drift can be signalled (<c>warm_start</c>). The default value is 30; at least 0.</summary>
    public int WarmStart { get; init; } = 30;

    /// <summary>Standard deviations above the minimum that open the warning zone (<c>warning_threshold</c>). The default value is 2.0; positive.</summary>
    public double WarningThreshold { get; init; } = 2.0;

    /// <summary>Standard deviations above the minimum that signal a drift (<c>drift_threshold</c>). The default value is 3.0; positive.</summary>
    public double DriftThreshold { get; init; } = 3.0;

    public IEnumerable<string> Validate()
    {
        if (WarmStart < 0) yield return $"warm_start must be at least 0; it is {WarmStart}.";
        if (!(WarningThreshold > 0) || !double.IsFinite(WarningThreshold)) yield return $"warning_threshold must be a positive number; it is {WarningThreshold.ToString(CultureInfo.InvariantCulture)}.";
        if (!(DriftThreshold > 0) || !double.IsFinite(DriftThreshold)) yield return $"drift_threshold must be a positive number; it is {DriftThreshold.ToString(CultureInfo.InvariantCulture)}.";
    }
}

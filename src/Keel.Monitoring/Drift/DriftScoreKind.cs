namespace Keel.Monitoring.Drift;

/// <summary>What a drift test's score is, and so which way its threshold points.</summary>
public enum DriftScoreKind
{
    /// <summary>A p-value: the column drifted when it is below the threshold (Kolmogorov–Smirnov: at or below).</summary>
    PValue,

    /// <summary>A distance: the column drifted when it is at or above the threshold.</summary>
    Distance,
}

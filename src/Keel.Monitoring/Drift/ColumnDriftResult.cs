namespace Keel.Monitoring.Drift;

/// <summary>The outcome of one drift test on one column.</summary>
public sealed record ColumnDriftResult
{
    public required string Column { get; init; }

    /// <summary>The test's name, as a user types it: <c>ks</c>, <c>psi</c>, <c>wasserstein</c>, ….</summary>
    public required string Test { get; init; }

    public required DriftColumnKind ColumnKind { get; init; }

    public required DriftScoreKind ScoreKind { get; init; }

    /// <summary>
    /// The test statistic: the Kolmogorov–Smirnov D, the PSI, the Wasserstein distance over the reference's standard
    /// deviation, the Jensen–Shannon distance, Pearson's χ², the two-proportion z, the Hellinger distance, the total
    /// variation distance, or the standardized Anderson–Darling A². χ² is +∞ when a value absent from the reference
    /// occurs in the current data.
    /// </summary>
    public required double Statistic { get; init; }

    /// <summary>The p-value of a p-value test; null for a distance.</summary>
    public double? PValue { get; init; }

    /// <summary>The p-value after the run's multiple-testing correction; null without one, or for a distance.</summary>
    public double? AdjustedPValue { get; init; }

    /// <summary>The threshold the score was compared with.</summary>
    public required double Threshold { get; init; }

    public required bool Drifted { get; init; }

    /// <summary>The number compared with the threshold (Evidently's drift score): the adjusted p-value, the p-value, or the distance.</summary>
    public double Score => AdjustedPValue ?? PValue ?? Statistic;

    /// <summary>Reference values tested (not missing, not infinite).</summary>
    public required int ReferenceCount { get; init; }

    /// <summary>Current values tested (not missing, not infinite).</summary>
    public required int CurrentCount { get; init; }

    /// <summary>Reference values left out: missing, or for numbers also infinite, as Evidently leaves them out.</summary>
    public int ReferenceMissing { get; init; }

    /// <summary>Current values left out: missing, or for numbers also infinite.</summary>
    public int CurrentMissing { get; init; }

    /// <summary>The bins and shares a binned test (PSI, Jensen–Shannon, Hellinger, χ², Z, TVD) compared; null otherwise.</summary>
    public DriftBins? Bins { get; init; }

    /// <summary>A warning about the p-value (SciPy's, where SciPy warns), or why a degenerate column counts as not drifted.</summary>
    public string? Note { get; init; }
}

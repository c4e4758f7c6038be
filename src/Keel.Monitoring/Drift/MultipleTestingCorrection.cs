namespace Keel.Monitoring.Drift;

/// <summary>How the p-values of a run's p-value tests are adjusted for testing many columns at once.</summary>
public enum MultipleTestingCorrection
{
    /// <summary>No adjustment, as Evidently does.</summary>
    None,

    /// <summary>Each p-value times the number of p-value tests, at most 1: controls the family-wise error rate.</summary>
    Bonferroni,

    /// <summary>
    /// Benjamini and Hochberg's step-up adjustment (statsmodels' <c>fdr_bh</c>): p₍ᵢ₎·m/i, made monotone from the
    /// largest down, at most 1; controls the false discovery rate.
    /// </summary>
    BenjaminiHochberg,
}

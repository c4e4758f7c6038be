namespace Keel.Monitoring.Drift;

/// <summary>
/// The two-sample Kolmogorov–Smirnov test of a numeric column: Evidently's <c>ks</c> (<c>ks_stattest.py</c>), the
/// p-value of SciPy 1.10's <c>ks_2samp</c> with its default <c>method='auto'</c> (exact when neither sample has more
/// than 10,000 values, asymptotic otherwise). The column drifted when the p-value is at or below the threshold
/// (Evidently compares with ≤ here); the default threshold is 0.05.
/// </summary>
/// <example>
/// <code>
/// var reference = new NumericColumn("x", [38.7, 41.5, 43.8, 44.5, 45.5, 46.0, 47.7, 58.0]);
/// var current = new NumericColumn("x", [39.2, 39.3, 39.7, 41.4, 41.8, 42.9, 43.3, 45.8]);
/// var ks = new KolmogorovSmirnovTest().Run(reference, current);
/// // ks.Statistic == 0.625, ks.PValue ≈ 0.08702 (exact: 8 values a side), ks.Drifted == false
/// </code>
/// </example>
public sealed class KolmogorovSmirnovTest : DriftTest
{
    public override string Name => "ks";

    public override DriftScoreKind ScoreKind => DriftScoreKind.PValue;

    public override double DefaultThreshold => 0.05;

    public override IReadOnlyList<DriftColumnKind> ColumnKinds { get; } = [DriftColumnKind.Numeric];

    /// <summary>Evidently's rule for this test: drift when p ≤ threshold.</summary>
    public override bool IsDrift(double score, double threshold) => score <= threshold;

    internal override ColumnDriftResult Compute(ColumnSample sample, double threshold)
    {
        var outcome = TwoSampleKolmogorovSmirnov.Test(sample.Numeric!);
        return Result(sample, outcome.Statistic, outcome.PValue, threshold, note: outcome.Note);
    }
}

namespace Keel.Monitoring.Drift;

/// <summary>
/// The k-sample Anderson–Darling test of a numeric column: Evidently's <c>anderson</c>
/// (<c>anderson_darling_stattest.py</c>), the p-value of SciPy 1.10's <c>anderson_ksamp([reference, current])</c>
/// (Scholz and Stephens 1987, mid-ranks for ties), which SciPy interpolates and caps to [0.001, 0.25]; the capping
/// warning is the result's <see cref="ColumnDriftResult.Note"/>. The statistic is SciPy's standardized A². The column
/// drifted when the p-value is below the threshold; the default threshold is 0.1.
/// </summary>
/// <remarks>A column with one value in both samples has nothing to compare (SciPy refuses it): p = 1, not drifted, with a note.</remarks>
/// <example>
/// Evidently's case (<c>tests/stattests/test_stattests.py</c>, <c>test_anderson_darling</c>).
/// <code>
/// var reference = new NumericColumn("x", [38.7, 41.5, 43.8, 44.5, 45.5, 46.0, 47.7, 58.0]);
/// var current = new NumericColumn("x", [39.2, 39.3, 39.7, 41.4, 41.8, 42.9, 43.3, 45.8]);
/// var ad = new AndersonDarlingTest().Run(reference, current);
/// // ad.Statistic ≈ 1.71831, ad.PValue ≈ 0.06351, ad.Drifted == true
/// </code>
/// </example>
public sealed class AndersonDarlingTest : DriftTest
{
    public override string Name => "anderson";

    public override DriftScoreKind ScoreKind => DriftScoreKind.PValue;

    public override double DefaultThreshold => 0.1;

    public override IReadOnlyList<DriftColumnKind> ColumnKinds { get; } = [DriftColumnKind.Numeric];

    internal override ColumnDriftResult Compute(ColumnSample sample, double threshold)
    {
        var outcome = AndersonDarlingKSample.Test(sample.Numeric!);
        if (double.IsNaN(outcome.Statistic))
            return Result(sample, 0, 1.0, threshold, note: "only one value in both samples: nothing to compare");
        return Result(sample, outcome.Statistic, outcome.PValue, threshold, note: outcome.Note);
    }
}

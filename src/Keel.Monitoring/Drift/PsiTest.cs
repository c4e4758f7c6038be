namespace Keel.Monitoring.Drift;

/// <summary>
/// The population stability index of a column: Evidently's <c>psi</c> (<c>psi.py</c>),
/// Σ (r − c)·ln(r / c) over the shares r and c of Evidently's bins (<see cref="EvidentlyBinning"/>: Sturges bins over
/// reference ∪ current for a numeric column with more than 20 distinct reference values, one bin per value otherwise),
/// empty bins filled with a small share first. The column drifted when the PSI is at or above the threshold; the
/// default threshold is 0.1.
/// </summary>
/// <example>
/// Evidently's own case (<c>tests/multitest/metrics/data_drift.py</c>): reference 3, 2, 2 against current 1, 2, 3.
/// <code>
/// var psi = new PsiTest().Run(new NumericColumn("col", [3, 2, 2]), new NumericColumn("col", [1, 2, 3]));
/// // psi.Statistic ≈ 2.93415, psi.Drifted == true
/// </code>
/// </example>
public sealed class PsiTest : DriftTest
{
    public override string Name => "psi";

    public override DriftScoreKind ScoreKind => DriftScoreKind.Distance;

    public override double DefaultThreshold => 0.1;

    public override IReadOnlyList<DriftColumnKind> ColumnKinds { get; } = [DriftColumnKind.Numeric, DriftColumnKind.Categorical];

    internal override ColumnDriftResult Compute(ColumnSample sample, double threshold)
    {
        var bins = EvidentlyBinning.Bin(sample, fillZeros: true);
        var psi = new CompensatedSum();
        for (var i = 0; i < bins.ReferenceShares.Count; i++)
        {
            double r = bins.ReferenceShares[i], c = bins.CurrentShares[i];
            psi.Add((r - c) * Math.Log(r / c));
        }
        return Result(sample, psi.Value, null, threshold, bins);
    }
}

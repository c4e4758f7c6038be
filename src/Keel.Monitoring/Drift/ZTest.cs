using MathNet.Numerics.Distributions;

namespace Keel.Monitoring.Drift;

/// <summary>
/// The two-proportion Z-test of a categorical column: Evidently's <c>z</c> (<c>z_stattest.py</c>). Rows holding the
/// first value (in sorted order) count as 0 and every other value as 1; z = (p₁ − p₂)/√(P(1 − P)(1/n₁ + 1/n₂)) with
/// the pooled share P, and the two-sided p-value 2·Φ(−|z|). When both samples hold one and the same value, p = 1. The
/// column drifted when the p-value is below the threshold; the default threshold is 0.05.
/// </summary>
/// <remarks>
/// Evidently writes the p-value as 2·(1 − Φ(|z|)), which is the same number but loses its digits to cancellation once
/// p is small (and is exactly 0 beyond |z| ≈ 8.3); Keel evaluates Φ(−|z|) with MathNet.Numerics' normal
/// distribution, which keeps them.
/// </remarks>
/// <example>
/// <code>
/// var reference = new BooleanColumn("churned", [0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
/// var current = new BooleanColumn("churned", [0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
/// var z = new ZTest().Run(reference, current);
/// // z.Statistic ≈ −1.8257 (false counts as 0), z.PValue ≈ 0.06789, z.Drifted == false
/// </code>
/// </example>
public sealed class ZTest : DriftTest
{
    public override string Name => "z";

    public override DriftScoreKind ScoreKind => DriftScoreKind.PValue;

    public override double DefaultThreshold => 0.05;

    public override IReadOnlyList<DriftColumnKind> ColumnKinds { get; } = [DriftColumnKind.Categorical];

    internal override ColumnDriftResult Compute(ColumnSample sample, double threshold)
    {
        var c = sample.Categories;
        var bins = c.Bins();
        if (c.Count == 1) return Result(sample, 0, 1.0, threshold, bins); // one and the same value on both sides
        double n1 = c.ReferenceTotal, n2 = c.CurrentTotal;
        var p1 = (n1 - c.Reference[0]) / n1;
        var p2 = (n2 - c.Current[0]) / n2;
        var pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        var z = (p1 - p2) / Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return Result(sample, z, 2 * Normal.CDF(0, 1, -Math.Abs(z)), threshold, bins);
    }
}

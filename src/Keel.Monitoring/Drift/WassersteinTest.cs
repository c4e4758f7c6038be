namespace Keel.Monitoring.Drift;

/// <summary>
/// The normed Wasserstein distance of a numeric column: Evidently's <c>wasserstein</c>
/// (<c>wasserstein_distance_norm.py</c>), SciPy's first Wasserstein distance ∫|F_ref − F_cur| over the reference's
/// population standard deviation (at least 0.001). The column drifted when it is at or above the threshold; the
/// default threshold is 0.1 (a tenth of a standard deviation).
/// </summary>
/// <example>
/// <code>
/// var reference = new NumericColumn("x", [0, 1, 2, 3, 4]);
/// var current = new NumericColumn("x", [1, 2, 3, 4, 5]);
/// var w = new WassersteinTest().Run(reference, current);
/// // w.Statistic == 1 / √2 ≈ 0.70711 (every value moved by 1; the reference's standard deviation is √2), w.Drifted == true
/// </code>
/// </example>
public sealed class WassersteinTest : DriftTest
{
    /// <summary>Evidently's floor on the norm, so that a constant reference does not divide by zero.</summary>
    public const double MinimumNorm = 0.001;

    public override string Name => "wasserstein";

    public override DriftScoreKind ScoreKind => DriftScoreKind.Distance;

    public override double DefaultThreshold => 0.1;

    public override IReadOnlyList<DriftColumnKind> ColumnKinds { get; } = [DriftColumnKind.Numeric];

    internal override ColumnDriftResult Compute(ColumnSample sample, double threshold)
    {
        var s = sample.Numeric!;
        double n1 = s.ReferenceCount, n2 = s.CurrentCount;
        var distance = new CompensatedSum();
        for (var u = 0; u < s.Distinct - 1; u++)
            distance.Add(Math.Abs(s.ReferenceAtOrBelow[u] / n1 - s.CurrentAtOrBelow[u] / n2) * (s.Values[u + 1] - s.Values[u]));
        var norm = Math.Max(s.ReferenceStandardDeviation, MinimumNorm);
        return Result(sample, distance.Value / norm, null, threshold);
    }
}

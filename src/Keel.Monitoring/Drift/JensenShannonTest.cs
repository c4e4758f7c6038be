namespace Keel.Monitoring.Drift;

/// <summary>
/// The Jensen–Shannon distance of a column: Evidently's <c>jensenshannon</c> (<c>jensenshannon.py</c>), SciPy's
/// <c>scipy.spatial.distance.jensenshannon</c> with natural logarithms — the square root of the divergence,
/// √((KL(p‖m) + KL(q‖m))/2) with m = (p + q)/2 — over Evidently's bins (<see cref="EvidentlyBinning"/>) without the
/// zero fill. The column drifted when the distance is at or above the threshold; the default threshold is 0.1.
/// </summary>
/// <example>
/// <code>
/// var reference = CategoricalColumn.FromStrings("plan", ["a", "a", "b", "b"]);
/// var current = CategoricalColumn.FromStrings("plan", ["a", "b", "b", "b"]);
/// var js = new JensenShannonTest().Run(reference, current);
/// // js.Statistic ≈ 0.18391, js.Drifted == true
/// </code>
/// </example>
public sealed class JensenShannonTest : DriftTest
{
    public override string Name => "jensenshannon";

    public override DriftScoreKind ScoreKind => DriftScoreKind.Distance;

    public override double DefaultThreshold => 0.1;

    public override IReadOnlyList<DriftColumnKind> ColumnKinds { get; } = [DriftColumnKind.Numeric, DriftColumnKind.Categorical];

    internal override ColumnDriftResult Compute(ColumnSample sample, double threshold)
    {
        var bins = EvidentlyBinning.Bin(sample, fillZeros: false);
        return Result(sample, Distance(bins.ReferenceShares, bins.CurrentShares), null, threshold, bins);
    }

    /// <summary>SciPy's <c>jensenshannon(p, q)</c>: both normalized to sum 1; a rounding-negative divergence reads as 0.</summary>
    internal static double Distance(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        double sp = CompensatedSum.Of(p.ToArray()), sq = CompensatedSum.Of(q.ToArray());
        var left = new CompensatedSum();
        var right = new CompensatedSum();
        for (var i = 0; i < p.Count; i++)
        {
            double pi = p[i] / sp, qi = q[i] / sq;
            var m = (pi + qi) / 2.0;
            left.Add(RelativeEntropy(pi, m));
            right.Add(RelativeEntropy(qi, m));
        }
        var js = left.Value + right.Value;
        return Math.Sqrt(Math.Max(js, 0) / 2.0);
    }

    /// <summary>SciPy's <c>rel_entr</c>: x·ln(x/y), 0 when x is 0.</summary>
    private static double RelativeEntropy(double x, double y) => x > 0 && y > 0 ? x * Math.Log(x / y) : x == 0 && y >= 0 ? 0 : double.PositiveInfinity;
}

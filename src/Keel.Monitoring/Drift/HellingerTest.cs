namespace Keel.Monitoring.Drift;

/// <summary>
/// The Hellinger distance of a column: Evidently's <c>hellinger</c> (<c>hellinger_distance.py</c>),
/// √(1 − BC) with the Bhattacharyya coefficient BC clipped to [0, 1]. For a categorical column BC = Σ √(r·c) over the
/// value shares; for a numeric column BC = Σ √(f_ref·f_cur)·w over NumPy's Sturges histogram of the distinct values
/// of both samples (densities f, mean bin width w) — Evidently bins the distinct values here, not the rows. The
/// column drifted when the distance is at or above the threshold; the default threshold is 0.1.
/// </summary>
/// <example>
/// Evidently's case (<c>tests/stattests/test_stattests.py</c>, <c>test_freq_obs_eq_freq_exp</c>).
/// <code>
/// var reference = CategoricalColumn.FromStrings("x", [.. Enumerable.Repeat("1", 16), .. Enumerable.Repeat("2", 18), .. Enumerable.Repeat("3", 16), .. Enumerable.Repeat("4", 14), .. Enumerable.Repeat("5", 12), .. Enumerable.Repeat("6", 12)]);
/// var current = CategoricalColumn.FromStrings("x", [.. Enumerable.Repeat("1", 16), .. Enumerable.Repeat("2", 16), .. Enumerable.Repeat("3", 16), .. Enumerable.Repeat("4", 16), .. Enumerable.Repeat("5", 16), .. Enumerable.Repeat("6", 8)]);
/// var h = new HellingerTest().Run(reference, current);
/// // h.Statistic ≈ 0.06812, h.Drifted == false
/// </code>
/// </example>
public sealed class HellingerTest : DriftTest
{
    public override string Name => "hellinger";

    public override DriftScoreKind ScoreKind => DriftScoreKind.Distance;

    public override double DefaultThreshold => 0.1;

    public override IReadOnlyList<DriftColumnKind> ColumnKinds { get; } = [DriftColumnKind.Numeric, DriftColumnKind.Categorical];

    internal override ColumnDriftResult Compute(ColumnSample sample, double threshold)
    {
        double coefficient;
        DriftBins bins;
        if (sample.Kind == DriftColumnKind.Categorical)
        {
            var c = sample.Categories;
            bins = c.Bins();
            var sum = new CompensatedSum();
            for (var i = 0; i < c.Count; i++) sum.Add(Math.Sqrt(bins.ReferenceShares[i] * bins.CurrentShares[i]));
            coefficient = sum.Value;
        }
        else
        {
            var s = sample.Numeric!;
            var edges = NumpyHistogram.SturgesEdges(s.Min, s.Max, s.Distinct);
            var reference = NumpyHistogram.Counts(s, edges, reference: true);
            var current = NumpyHistogram.Counts(s, edges, reference: false);
            var width = (edges[^1] - edges[0]) / (edges.Length - 1);
            var sum = new CompensatedSum();
            for (var i = 0; i < reference.Length; i++)
            {
                var binWidth = edges[i + 1] - edges[i];
                var fr = reference[i] / binWidth / s.ReferenceCount;
                var fc = current[i] / binWidth / s.CurrentCount;
                sum.Add(Math.Sqrt(fr * fc) * width);
            }
            coefficient = sum.Value;
            bins = new DriftBins
            {
                Edges = edges,
                ReferenceShares = reference.Select(n => (double)n / s.ReferenceCount).ToArray(),
                CurrentShares = current.Select(n => (double)n / s.CurrentCount).ToArray(),
            };
        }
        return Result(sample, Math.Sqrt(1 - Math.Clamp(coefficient, 0, 1)), null, threshold, bins);
    }
}

using MathNet.Numerics;

namespace Keel.Monitoring.Drift;

/// <summary>
/// Pearson's χ² goodness-of-fit test of a categorical column: Evidently's <c>chisquare</c>
/// (<c>chisquare_stattest.py</c>), SciPy's <c>chisquare(f_obs, f_exp)</c> with the current counts observed and the
/// reference counts, scaled to the current size, expected, over the values seen in either sample, with k − 1 degrees
/// of freedom. A value absent from the reference but present in the current data makes χ² infinite and p = 0, as in
/// Evidently. The column drifted when the p-value is below the threshold; the default threshold is 0.05.
/// </summary>
/// <remarks>
/// The p-value is χ²'s survival function, the regularized upper incomplete gamma Q(k/2, χ²/2) (MathNet.Numerics),
/// which keeps its relative precision in the far tail where 1 − CDF would not. A column with a single value in both
/// samples has nothing to compare (SciPy's p-value is undefined): p = 1, not drifted, with a note.
/// </remarks>
/// <example>
/// Evidently's case (<c>tests/stattests/test_stattests.py</c>, <c>test_freq_obs_eq_freq_exp</c>).
/// <code>
/// var reference = CategoricalColumn.FromStrings("x", [.. Enumerable.Repeat("1", 16), .. Enumerable.Repeat("2", 18), .. Enumerable.Repeat("3", 16), .. Enumerable.Repeat("4", 14), .. Enumerable.Repeat("5", 12), .. Enumerable.Repeat("6", 12)]);
/// var current = CategoricalColumn.FromStrings("x", [.. Enumerable.Repeat("1", 16), .. Enumerable.Repeat("2", 16), .. Enumerable.Repeat("3", 16), .. Enumerable.Repeat("4", 16), .. Enumerable.Repeat("5", 16), .. Enumerable.Repeat("6", 8)]);
/// var chi = new ChiSquareTest().Run(reference, current);
/// // chi.PValue ≈ 0.67309, chi.Drifted == false
/// </code>
/// </example>
public sealed class ChiSquareTest : DriftTest
{
    public override string Name => "chisquare";

    public override DriftScoreKind ScoreKind => DriftScoreKind.PValue;

    public override double DefaultThreshold => 0.05;

    public override IReadOnlyList<DriftColumnKind> ColumnKinds { get; } = [DriftColumnKind.Categorical];

    internal override ColumnDriftResult Compute(ColumnSample sample, double threshold)
    {
        var c = sample.Categories;
        var bins = c.Bins();
        if (c.Count < 2)
            return Result(sample, 0, 1.0, threshold, bins, "only one value in both samples: nothing to compare");
        var scale = (double)c.CurrentTotal / c.ReferenceTotal;
        var statistic = new CompensatedSum();
        for (var i = 0; i < c.Count; i++)
        {
            var expected = c.Reference[i] * scale;
            var difference = c.Current[i] - expected;
            statistic.Add(difference * difference / expected);
        }
        var chi2 = statistic.Value;
        var p = double.IsPositiveInfinity(chi2) ? 0.0 : SpecialFunctions.GammaUpperRegularized((c.Count - 1) / 2.0, chi2 / 2.0);
        return Result(sample, chi2, p, threshold, bins);
    }
}

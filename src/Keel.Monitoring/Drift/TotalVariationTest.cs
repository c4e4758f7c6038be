using System.Runtime.CompilerServices;
using Keel.Data;

namespace Keel.Monitoring.Drift;

/// <summary>
/// The total variation distance test of a categorical column: Evidently's <c>TVD</c> (<c>tvd_stattest.py</c>). The
/// statistic is ½·Σ|r − c| over the value shares; the p-value is Evidently's permutation test: with NumPy's legacy
/// generator seeded 0, 1,000 times the pooled rows (reference rows, then current rows, in row order) are shuffled and
/// the first n_ref taken as the reference, and p is the share of shuffles whose distance is at least the observed one.
/// Keel draws the same shuffles (<see cref="Mt19937"/>), so the p-values are Evidently's. The column drifted when the
/// p-value is below the threshold; the default threshold is 0.1.
/// </summary>
/// <remarks>
/// Evidently compares floating-point distances, and with small counts many shuffles tie the observed distance, so Keel
/// computes each distance the same floating-point way: shares as count / size, NumPy's pairwise sum of |r − c| over
/// the values in sorted order. Python orders the values as its set does, which is the sorted order for small
/// integers (Evidently's tests) and varies from process to process for strings, so for string categories Evidently's
/// own p-value can move by a tie or two between runs. The test costs 1,000 shuffles of all the rows: about 17 seconds
/// per million rows on one core (docs/monitoring-drift-results.md), so it is never a default.
/// </remarks>
/// <example>
/// Evidently's case (<c>tests/stattests/test_stattests.py</c>, <c>test_tvd_stattest</c>).
/// <code>
/// var reference = CategoricalColumn.FromStrings("x", [.. Enumerable.Repeat("1", 16), .. Enumerable.Repeat("2", 18), .. Enumerable.Repeat("3", 16), .. Enumerable.Repeat("4", 14), .. Enumerable.Repeat("5", 12), .. Enumerable.Repeat("6", 12)]);
/// var current = CategoricalColumn.FromStrings("x", [.. Enumerable.Repeat("1", 10), .. Enumerable.Repeat("2", 10), .. Enumerable.Repeat("3", 24), .. Enumerable.Repeat("4", 24), .. Enumerable.Repeat("5", 10), .. Enumerable.Repeat("6", 10)]);
/// var tvd = new TotalVariationTest().Run(reference, current);
/// // tvd.PValue == 0.085, tvd.Drifted == true
/// </code>
/// </example>
public sealed class TotalVariationTest : DriftTest
{
    /// <summary>Evidently's number of permutations.</summary>
    public const int Permutations = 1000;

    public override string Name => "tvd";

    public override DriftScoreKind ScoreKind => DriftScoreKind.PValue;

    public override double DefaultThreshold => 0.1;

    public override IReadOnlyList<DriftColumnKind> ColumnKinds { get; } = [DriftColumnKind.Categorical];

    internal override ColumnDriftResult Compute(ColumnSample sample, double threshold)
    {
        var c = sample.Categories;
        var bins = c.Bins();
        var scratch = new double[c.Count];
        var observed = Distance(c.Reference, c.Current, c.ReferenceTotal, c.CurrentTotal, scratch);
        var p = PermutationPValue(RowKeys(sample), c.ReferenceTotal, c.Count, observed);
        return Result(sample, observed, p, threshold, bins);
    }

    /// <summary>½·Σ |r_k/n_ref − c_k/n_cur|, summed as <c>np.sum</c> sums.</summary>
    private static double Distance(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int nRef, int nCur, double[] scratch)
    {
        for (var k = 0; k < reference.Length; k++) scratch[k] = Math.Abs((double)reference[k] / nRef - (double)current[k] / nCur);
        return 0.5 * NumpySum.Of(scratch);
    }

    /// <summary>Evidently's <c>permutation_test</c> (<c>utils.py</c>): the share of shuffles at least as far apart.</summary>
    private static double PermutationPValue(int[] keys, int nRef, int categories, double observed) =>
        categories <= 256
            ? PermutationPValue(keys.Select(k => (byte)k).ToArray(), nRef, categories, observed) // a quarter of the memory to shuffle
            : PermutationPValue<int>(keys, nRef, categories, observed);

    private static double PermutationPValue<T>(T[] keys, int nRef, int categories, double observed) where T : unmanaged
    {
        var random = new Mt19937(0);
        var total = new int[categories];
        foreach (var k in keys) total[Index(k)]++;
        var work = new T[keys.Length];
        var current = new int[categories];
        var reference = new int[categories];
        var nCur = keys.Length - nRef;
        var scratch = new double[categories];
        var atLeast = 0;
        for (var iteration = 0; iteration < Permutations; iteration++)
        {
            // np.random.choice(pooled, n_ref, replace=False) takes permutation(n)[:n_ref]: a Fisher–Yates shuffle from
            // the end. Positions at or past n_ref are final once passed; the draws below n_ref only move reference rows
            // among themselves, but are made all the same to keep the generator in step.
            keys.CopyTo(work, 0);
            for (var i = keys.Length - 1; i >= nRef; i--)
            {
                var j = (int)random.Interval((uint)i);
                (work[i], work[j]) = (work[j], work[i]);
            }
            for (var i = nRef - 1; i >= 1; i--) random.Interval((uint)i);
            Array.Clear(current);
            for (var i = nRef; i < work.Length; i++) current[Index(work[i])]++;
            for (var k = 0; k < categories; k++) reference[k] = total[k] - current[k];
            if (observed <= Distance(reference, current, nRef, nCur, scratch)) atLeast++;
        }
        return (double)atLeast / Permutations;
    }

    private static int Index<T>(T key) where T : unmanaged =>
        typeof(T) == typeof(byte) ? Unsafe.As<T, byte>(ref key) : Unsafe.As<T, int>(ref key);

    /// <summary>Each non-missing row's value index, reference rows first, in row order.</summary>
    private static int[] RowKeys(ColumnSample sample)
    {
        var labels = sample.Categories.Labels;
        var index = new Dictionary<string, int>(labels.Length, StringComparer.Ordinal);
        for (var i = 0; i < labels.Length; i++) index[labels[i]] = i;
        var keys = new int[sample.ReferenceCount + sample.CurrentCount];
        var at = 0;
        foreach (var column in new[] { sample.ReferenceColumn, sample.CurrentColumn })
        {
            switch (column)
            {
                case CategoricalColumn cat:
                    var map = cat.Categories.Select(l => index.GetValueOrDefault(l, -1)).ToArray();
                    foreach (var code in cat.Codes)
                        if (code >= 0) keys[at++] = map[code];
                    break;
                case BooleanColumn b:
                    var falseKey = index.GetValueOrDefault("false", -1);
                    var trueKey = index.GetValueOrDefault("true", -1);
                    foreach (var v in b.Values)
                        if (v != BooleanColumn.Missing) keys[at++] = v == 0 ? falseKey : trueKey;
                    break;
                default:
                    var merged = sample.Numeric!;
                    foreach (var v in ((NumericColumn)column).Values)
                        if (double.IsFinite(v)) keys[at++] = merged.LowerBound(v == 0 ? 0.0 : v);
                    break;
            }
        }
        return keys;
    }
}

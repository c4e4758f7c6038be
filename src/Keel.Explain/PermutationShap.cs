using Keel.Learn;
using Keel.Learn.Featurization;
using Keel.Learn.Models;

namespace Keel.Explain;

/// <summary>
/// Permutation SHAP (SHAP's PermutationExplainer; Štrumbelj and Kononenko 2014): for random orderings of the column
/// groups, each taken forwards and then backwards (antithetic), the groups are switched from the background's values
/// to x's one at a time and each switch's change in the mean raw score is the group's marginal contribution; averaged
/// over the orderings. Every ordering adds up exactly, so base value + Σ φ = f(x) for any number of them; more
/// orderings bring the values closer to the exact interventional Shapley values. Seeded.
/// </summary>
/// <example>
/// <code>
/// var explainer = new ModelExplainer(model);
/// var shap = new PermutationShap(model.Predictor, background, explainer.Columns, explainer.ColumnOfFeature, seed: 42)
///     .Explain(model.Features.Transform(rows));   // per input column; shap.Total(r) is row r's raw score
/// </code>
/// </example>
public sealed class PermutationShap
{
    private readonly Predictor _predictor;
    private readonly FeatureMatrix _background;
    private readonly int[] _groupOf;
    private readonly int _permutations;
    private readonly int _seed;

    /// <param name="permutations">Orderings per row, each also run backwards. The default value is 10 (SHAP's npermutations).</param>
    public PermutationShap(Predictor predictor, FeatureMatrix background, IReadOnlyList<string> groups, IReadOnlyList<int> groupOf, int permutations = 10, int seed = 0)
    {
        if (background.Rows == 0) throw new KeelLearnException("Permutation SHAP needs at least one background row.");
        if (permutations < 1) throw new KeelLearnException($"Permutation SHAP needs at least one ordering; permutations is {permutations}.");
        if (background.Columns != predictor.FeatureCount || groupOf.Count != predictor.FeatureCount)
            throw new KeelLearnException($"The model has {predictor.FeatureCount} features; the background has {background.Columns} and the grouping {groupOf.Count}.");
        _predictor = predictor;
        _background = background;
        Groups = groups;
        _groupOf = [.. groupOf];
        _permutations = permutations;
        _seed = seed;
        (BaseValue, _backgroundRaw) = Shapley.BackgroundScores(predictor, background);
    }

    private readonly double[] _backgroundRaw;

    public IReadOnlyList<string> Groups { get; }

    /// <summary>The background's mean raw score per output.</summary>
    public double[] BaseValue { get; }

    /// <summary>Orderings per row (each also run backwards).</summary>
    public int Permutations => _permutations;

    /// <summary>Background rows every coalition is averaged over.</summary>
    public int BackgroundRows => _background.Rows;

    /// <summary>
    /// The SHAP values of every row, per group. A row's orderings are drawn from the seed and the row's own feature
    /// values, so a row gets the same values whichever position or batch it is explained in. Each ordering and its
    /// reverse are scored as one batch on up to <paramref name="threads"/> threads; a background row whose values a
    /// switch leaves unchanged (it already had x's values for that group) keeps its score unscored, and the last
    /// switch of an ordering, where every row is x, is f(x). <paramref name="cancellationToken"/> is checked between
    /// orderings.
    /// </summary>
    public ShapValues Explain(FeatureMatrix features, int threads = 1, CancellationToken cancellationToken = default)
    {
        if (features.Columns != _predictor.FeatureCount)
            throw new KeelLearnException($"The model has {_predictor.FeatureCount} features; the rows to explain have {features.Columns}.");
        var m = Groups.Count;
        var outputs = _predictor.OutputCount;
        var width = _predictor.FeatureCount;
        var rows = _background.Rows;
        var values = new double[(long)features.Rows * m * outputs];
        var members = Enumerable.Range(0, m).Select(g => Enumerable.Range(0, width).Where(j => _groupOf[j] == g).ToArray()).ToArray();
        // Per sequence and switch i < m − 1 (the last switch makes every row x), each background row's raw scores come
        // from source[block · rows + r]: a changed row's index c ≥ 0 in the batch, or −1 − r, background row r's own.
        var blocks = 2 * Math.Max(0, m - 1);
        var scores = new double[blocks * rows * outputs];
        var source = new int[blocks * rows];
        var current = new float[rows * width];
        var pending = new float[blocks * rows * width];
        var fx = new double[outputs];
        var mean = new double[outputs];
        var previous = new double[outputs];
        for (var row = 0; row < features.Rows; row++)
        {
            var x = features.Row(row);
            _predictor.Score(x, 1, fx, 1);
            var random = new Random(RowSeed(_seed, x));
            var order = Enumerable.Range(0, m).ToArray();
            for (var p = 0; p < _permutations; p++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                random.Shuffle(order);
                var sequences = new[] { order, order.Reverse().ToArray() };
                var count = 0;
                for (var s = 0; s < 2; s++)
                {
                    _background.Values.AsSpan(0, rows * width).CopyTo(current);
                    for (var i = 0; i < m - 1; i++)
                    {
                        var block = s * (m - 1) + i;
                        for (var r = 0; r < rows; r++)
                        {
                            var changed = false;
                            foreach (var j in members[sequences[s][i]])
                            {
                                var k = r * width + j;
                                if (current[k].Equals(x[j])) continue;
                                current[k] = x[j];
                                changed = true;
                            }
                            if (changed)
                            {
                                current.AsSpan(r * width, width).CopyTo(pending.AsSpan(count * width, width));
                                source[block * rows + r] = count++;
                            }
                            else source[block * rows + r] = i == 0 ? -1 - r : source[(block - 1) * rows + r];
                        }
                    }
                }
                var raw = new double[count * outputs];
                if (count > 0) _predictor.Score(pending.AsSpan(0, count * width), count, raw, threads);
                for (var b = 0; b < blocks * rows; b++)
                {
                    var from = source[b] >= 0 ? raw.AsSpan(source[b] * outputs, outputs) : _backgroundRaw.AsSpan((-1 - source[b]) * outputs, outputs);
                    from.CopyTo(scores.AsSpan(b * outputs, outputs));
                }
                for (var s = 0; s < 2; s++)
                {
                    BaseValue.CopyTo(previous, 0);
                    for (var i = 0; i < m; i++)
                    {
                        if (i == m - 1) fx.CopyTo(mean, 0);
                        else Mean(scores, (s * (m - 1) + i) * rows, rows, outputs, mean);
                        var g = sequences[s][i];
                        for (var k = 0; k < outputs; k++)
                            values[((long)row * m + g) * outputs + k] += (mean[k] - previous[k]) / (2.0 * _permutations);
                        mean.CopyTo(previous, 0);
                    }
                }
            }
        }
        return new ShapValues(values, features.Rows, Groups, outputs, (double[])BaseValue.Clone());
    }

    private static void Mean(double[] scores, int firstRow, int rows, int outputs, double[] mean)
    {
        Array.Clear(mean);
        for (var r = 0; r < rows; r++)
            for (var k = 0; k < outputs; k++) mean[k] += scores[(firstRow + r) * outputs + k] / rows;
    }

    /// <summary>A row's seed: the explainer's seed mixed with the bits of the row's features (FNV-1a), the same in every process.</summary>
    private static int RowSeed(int seed, ReadOnlySpan<float> x)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var v in x)
        {
            hash = (hash ^ (uint)BitConverter.SingleToInt32Bits(v)) * 16777619u;
        }
        return (int)(hash & 0x7FFFFFFF);
    }
}

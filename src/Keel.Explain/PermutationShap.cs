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
        BaseValue = Shapley.BackgroundScores(predictor, background).Mean;
    }

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
    /// reverse are scored as one batch of 2·groups × background rows, on up to <paramref name="threads"/> threads.
    /// </summary>
    public ShapValues Explain(FeatureMatrix features, int threads = 1)
    {
        if (features.Columns != _predictor.FeatureCount)
            throw new KeelLearnException($"The model has {_predictor.FeatureCount} features; the rows to explain have {features.Columns}.");
        var m = Groups.Count;
        var outputs = _predictor.OutputCount;
        var width = _predictor.FeatureCount;
        var rows = _background.Rows;
        var block = rows * width;
        var values = new double[(long)features.Rows * m * outputs];
        var mixed = new float[2 * m * block];
        var raw = new double[2 * m * rows * outputs];
        var previous = new double[outputs];
        var current = new double[outputs];
        var members = Enumerable.Range(0, m).Select(g => Enumerable.Range(0, width).Where(j => _groupOf[j] == g).ToArray()).ToArray();
        for (var row = 0; row < features.Rows; row++)
        {
            var x = features.Row(row);
            var random = new Random(RowSeed(_seed, x));
            var order = Enumerable.Range(0, m).ToArray();
            for (var p = 0; p < _permutations; p++)
            {
                random.Shuffle(order);
                var sequences = new[] { order, order.Reverse().ToArray() };
                // Block s·m + i: the background with the first i + 1 groups of sequence s switched to x.
                for (var s = 0; s < 2; s++)
                {
                    var offset = s * m * block;
                    _background.Values.AsSpan(0, block).CopyTo(mixed.AsSpan(offset, block));
                    for (var i = 0; i < m; i++)
                    {
                        var at = offset + i * block;
                        if (i > 0) mixed.AsSpan(at - block, block).CopyTo(mixed.AsSpan(at, block));
                        foreach (var j in members[sequences[s][i]])
                            for (var r = 0; r < rows; r++) mixed[at + r * width + j] = x[j];
                    }
                }
                _predictor.Score(mixed, 2 * m * rows, raw, threads);
                for (var s = 0; s < 2; s++)
                {
                    BaseValue.CopyTo(previous, 0);
                    for (var i = 0; i < m; i++)
                    {
                        var first = (s * m + i) * rows;
                        Array.Clear(current);
                        for (var r = 0; r < rows; r++)
                            for (var k = 0; k < outputs; k++) current[k] += raw[(first + r) * outputs + k] / rows;
                        var g = sequences[s][i];
                        for (var k = 0; k < outputs; k++)
                            values[((long)row * m + g) * outputs + k] += (current[k] - previous[k]) / (2.0 * _permutations);
                        current.CopyTo(previous, 0);
                    }
                }
            }
        }
        return new ShapValues(values, features.Rows, Groups, outputs, (double[])BaseValue.Clone());
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

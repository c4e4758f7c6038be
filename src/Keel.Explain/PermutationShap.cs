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
        _predictor = predictor;
        _background = background;
        Groups = groups;
        _groupOf = [.. groupOf];
        _permutations = permutations;
        _seed = seed;
        BaseValue = Shapley.BackgroundScores(predictor, background).Mean;
    }

    public IReadOnlyList<string> Groups { get; }

    public double[] BaseValue { get; }

    public ShapValues Explain(FeatureMatrix features)
    {
        var m = Groups.Count;
        var outputs = _predictor.OutputCount;
        var width = _predictor.FeatureCount;
        var rows = _background.Rows;
        var values = new double[(long)features.Rows * m * outputs];
        var mixed = new float[rows * width];
        var raw = new double[rows * outputs];
        var previous = new double[outputs];
        var current = new double[outputs];
        var members = Enumerable.Range(0, m).Select(g => Enumerable.Range(0, width).Where(j => _groupOf[j] == g).ToArray()).ToArray();
        for (var row = 0; row < features.Rows; row++)
        {
            var x = features.Row(row);
            var random = new Random(HashCode.Combine(_seed, row));
            var order = Enumerable.Range(0, m).ToArray();
            for (var p = 0; p < _permutations; p++)
            {
                random.Shuffle(order);
                foreach (var sequence in new[] { order, order.Reverse().ToArray() })
                {
                    _background.Values.AsSpan(0, rows * width).CopyTo(mixed);
                    BaseValue.CopyTo(previous, 0);
                    foreach (var g in sequence)
                    {
                        foreach (var j in members[g])
                            for (var r = 0; r < rows; r++) mixed[r * width + j] = x[j];
                        _predictor.Score(mixed, rows, raw);
                        Array.Clear(current);
                        for (var r = 0; r < rows; r++)
                            for (var k = 0; k < outputs; k++) current[k] += raw[r * outputs + k] / rows;
                        for (var k = 0; k < outputs; k++)
                            values[((long)row * m + g) * outputs + k] += (current[k] - previous[k]) / (2.0 * _permutations);
                        current.CopyTo(previous, 0);
                    }
                }
            }
        }
        return new ShapValues(values, features.Rows, Groups, outputs, (double[])BaseValue.Clone());
    }
}

using Keel.Learn;
using Keel.Learn.Featurization;
using Keel.Learn.Models;

namespace Keel.Explain;

/// <summary>
/// Interventional (background-based) TreeSHAP: the Shapley values of the game v(S) = mean over background rows z of
/// f(x_S, z_rest), computed exactly per tree (the "independent" feature perturbation of SHAP's TreeExplainer; Lundberg
/// et al. 2020, "From local explanations to global understanding with explainable AI for trees", Methods).
/// For one background row, a leaf is reached for the features S where x is used exactly when S contains every path
/// feature only x follows (set A, size a) and none that only z follows (set B, size b); that unanimity game gives each
/// i ∈ A the value (a − 1)! b! / (a + b)! and each i ∈ B −a! (b − 1)! / (a + b)!, times the leaf value. The base value
/// is the mean raw score of the background. Cost per row: background rows × trees × the nodes x or z reach.
/// </summary>
/// <example>
/// <code>
/// var shap = new InterventionalTreeShap(ensemble, background);      // e.g. 100 to 1,000 rows of training features
/// ShapValues values = shap.Explain(rows);                           // values.Total(i) == raw score of row i
/// </code>
/// </example>
public sealed class InterventionalTreeShap
{
    private readonly TreeEnsemble _ensemble;
    private readonly FeatureMatrix _background;
    private readonly double[] _backgroundRaw;
    private readonly double[,] _weights; // _weights[a, b] = a! b! / (a + b + 1)!, the Shapley weight of a among a + b + 1

    public InterventionalTreeShap(TreeEnsemble ensemble, FeatureMatrix background)
    {
        if (background.Rows == 0) throw new KeelLearnException("Interventional TreeSHAP needs at least one background row.");
        if (background.Columns != ensemble.FeatureCount)
            throw new KeelLearnException($"The background has {background.Columns} features but the model has {ensemble.FeatureCount}.");
        _ensemble = ensemble;
        _background = background;
        var maxDepth = ensemble.Trees.Max(Shapley.Depth) + 1;
        _weights = new double[maxDepth + 1, maxDepth + 1];
        for (var a = 0; a <= maxDepth; a++)
            for (var b = 0; a + b <= maxDepth; b++)
                _weights[a, b] = Shapley.Weight(a, a + b + 1);
        (BaseValue, _backgroundRaw) = Shapley.BackgroundScores(ensemble, background);
    }

    /// <summary>The mean raw score of the background rows, per output.</summary>
    public double[] BaseValue { get; }

    /// <summary>
    /// SHAP values on the probability scale of a binary classifier with link <paramref name="link"/>, as SHAP's
    /// TreeExplainer computes them for <c>model_output="probability"</c> with interventional perturbation: for each
    /// background row z, the raw-score attributions (which add up to f(x) − f(z)) are rescaled by
    /// (p(f(x)) − p(f(z))) / (f(x) − f(z)) so they add up to the change in probability, then averaged. The base value
    /// is the background's mean probability; base + Σ φ = p(x) exactly.
    /// </summary>
    public ShapValues ExplainProbability(FeatureMatrix features, Link link, int threads = 1)
    {
        if (_ensemble.OutputCount != 1 || link.Kind != LinkKind.Sigmoid)
            throw new KeelLearnException("Probability-scale SHAP values are for binary classifiers (a sigmoid link).");
        var width = features.Columns;
        var values = new double[(long)features.Rows * width];
        Parallel.For(0, features.Rows, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, () => (new State(width), new double[width], new double[1]), (row, _, scratch) =>
        {
            var (state, pair, fx) = scratch;
            var phi = values.AsSpan(row * width, width);
            var x = features.Row(row);
            _ensemble.ScoreRow(x, fx);
            var px = link.Probability(fx[0]);
            for (var z = 0; z < _background.Rows; z++)
            {
                Array.Clear(pair);
                for (var t = 0; t < _ensemble.Trees.Length; t++)
                {
                    var tree = _ensemble.Trees[t];
                    if (tree.SplitFeature.Length > 0) Walk(tree, 0, x, _background.Row(z), pair, 1, 0, state, a: 0, b: 0);
                }
                var fz = _backgroundRaw[z];
                var pz = link.Probability(fz);
                var gap = fx[0] - fz;
                var scale = Math.Abs(gap) > 1e-12 ? (px - pz) / gap : link.Scale * px * (1 - px);
                for (var f = 0; f < width; f++) phi[f] += scale * pair[f] / _background.Rows;
            }
            return scratch;
        }, _ => { });
        var baseValue = _backgroundRaw.Average(link.Probability);
        return new ShapValues(values, features.Rows, features.Names, 1, [baseValue]);
    }

    public ShapValues Explain(FeatureMatrix features, int threads = 1)
    {
        if (features.Columns != _ensemble.FeatureCount)
            throw new KeelLearnException($"The model has {_ensemble.FeatureCount} features but the rows have {features.Columns}.");
        var width = features.Columns;
        var outputs = _ensemble.OutputCount;
        var values = new double[(long)features.Rows * width * outputs];
        Parallel.For(0, features.Rows, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, () => new State(width), (row, _, state) =>
        {
            var phi = values.AsSpan(row * width * outputs, width * outputs);
            var x = features.Row(row);
            for (var z = 0; z < _background.Rows; z++)
                for (var t = 0; t < _ensemble.Trees.Length; t++)
                {
                    var tree = _ensemble.Trees[t];
                    if (tree.SplitFeature.Length == 0) continue;
                    Walk(tree, 0, x, _background.Row(z), phi, outputs, _ensemble.TreeOutput[t], state, a: 0, b: 0);
                }
            for (var i = 0; i < phi.Length; i++) phi[i] /= _background.Rows;
            return state;
        }, _ => { });
        return new ShapValues(values, features.Rows, features.Names, outputs, (double[])BaseValue.Clone());
    }

    /// <summary>Per path feature: 0 not yet seen, 1 only x follows the path, 2 only z, 3 both.</summary>
    private sealed class State(int width)
    {
        public readonly byte[] Follows = new byte[width];
        public readonly int[] Features = new int[width];
    }

    private void Walk(DecisionTree tree, int node, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<double> phi, int outputs, int output, State state, int a, int b)
    {
        if (node < 0)
        {
            if (a + b == 0) return; // both rows reach this leaf whatever S is: only the base value moves
            var v = tree.LeafValue[~node];
            var up = a > 0 ? v * _weights[a - 1, b] : 0;
            var down = b > 0 ? v * _weights[a, b - 1] : 0;
            for (var i = 0; i < a + b; i++)
            {
                var f = state.Features[i];
                if (state.Follows[f] == 1) phi[f * outputs + output] += up;
                else phi[f * outputs + output] -= down;
            }
            return;
        }
        var feature = tree.SplitFeature[node];
        var xLeft = GoesLeft(tree, node, x[feature]);
        var zLeft = GoesLeft(tree, node, z[feature]);
        var before = state.Follows[feature];
        if (xLeft == zLeft && before is 0 or 3)
        {
            Walk(tree, xLeft ? tree.LeftChild[node] : tree.RightChild[node], x, z, phi, outputs, output, state, a, b);
            return;
        }
        for (var side = 0; side < 2; side++)
        {
            var left = side == 0;
            var now = (byte)((xLeft == left ? 1 : 0) | (zLeft == left ? 2 : 0));
            var follows = before == 0 ? now : (byte)(before & now);
            if (follows == 0) continue; // neither row reaches this side
            var (na, nb) = (a, b);
            if (before is 0 or 3 && follows is 1 or 2)
            {
                state.Features[a + b] = feature; // joins A (only x follows) or B (only z follows)
                if (follows == 1) na++; else nb++;
            }
            state.Follows[feature] = follows;
            Walk(tree, left ? tree.LeftChild[node] : tree.RightChild[node], x, z, phi, outputs, output, state, na, nb);
            state.Follows[feature] = before;
        }
    }

    private static bool GoesLeft(DecisionTree tree, int node, float v) => float.IsNaN(v) ? tree.DefaultLeft[node] : v <= tree.Threshold[node];

}

using Keel.Learn.Featurization;
using Keel.Learn.Scoring;

namespace Keel.Learn.Models;

/// <summary>
/// An additive ensemble of decision trees: raw score k = <see cref="BaseScore"/>[k] + the sum of the trees whose
/// <see cref="TreeOutput"/> is k. Gradient boosting (LightGBM, FastTree) and random forests (FastForest, with the
/// averaging folded into the leaf values) both take this form.
/// </summary>
public sealed record TreeEnsemble : Predictor
{
    public required double[] BaseScore { get; init; }

    public required DecisionTree[] Trees { get; init; }

    /// <summary>The output each tree adds to (the class of a multiclass model; 0 otherwise).</summary>
    public required int[] TreeOutput { get; init; }

    public override void ScoreRow(ReadOnlySpan<float> x, Span<double> raw) => CompiledTrees.Of(this).ScoreRow(x, raw);

    protected override void ScoreRows(ReadOnlySpan<float> features, int rows, Span<double> raw, int threads) =>
        CompiledTrees.Of(this).Score(features, rows, FeatureCount, raw, threads);

    /// <summary>A copy whose node and leaf covers count the given rows (the training rows, for TreeSHAP).</summary>
    public TreeEnsemble WithCovers(FeatureMatrix rows)
    {
        var trees = new DecisionTree[Trees.Length];
        Parallel.For(0, Trees.Length, t =>
        {
            var tree = Trees[t];
            var nodes = new double[tree.SplitFeature.Length];
            var leaves = new double[tree.LeafCount];
            for (var i = 0; i < rows.Rows; i++)
            {
                var x = rows.Row(i);
                if (tree.SplitFeature.Length == 0) { leaves[0]++; continue; }
                var node = 0;
                while (node >= 0)
                {
                    nodes[node]++;
                    var v = x[tree.SplitFeature[node]];
                    var left = float.IsNaN(v) ? tree.DefaultLeft[node] : v <= tree.Threshold[node];
                    node = left ? tree.LeftChild[node] : tree.RightChild[node];
                }
                leaves[~node]++;
            }
            trees[t] = tree with { NodeCover = nodes, LeafCover = leaves };
        });
        return this with { Trees = trees };
    }
}

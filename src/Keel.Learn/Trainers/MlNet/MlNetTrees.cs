using Keel.Learn.Models;
using Microsoft.ML.Trainers.FastTree;

namespace Keel.Learn.Trainers.MlNet;

/// <summary>Copies an ML.NET tree ensemble into Keel's <see cref="TreeEnsemble"/>, tree weights folded into leaves.</summary>
internal static class MlNetTrees
{
    public static TreeEnsemble Convert<TTree>(TreeEnsemble<TTree> ensemble, int featureCount, double leafScale = 1)
        where TTree : RegressionTreeBase
    {
        var trees = new DecisionTree[ensemble.Trees.Count];
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = ensemble.Trees[t];
            var weight = ensemble.TreeWeights[t] * leafScale;
            var leaves = tree.LeafValues.Select(v => v * weight).ToArray();
            if (tree.CategoricalSplitFlags.Any(f => f))
                throw new KeelLearnException("The ML.NET tree has a categorical split, which Keel's tree form does not hold.");
            trees[t] = tree.NumberOfLeaves == 1
                ? new DecisionTree { SplitFeature = [], Threshold = [], DefaultLeft = [], LeftChild = [], RightChild = [], LeafValue = leaves }
                : new DecisionTree
                {
                    SplitFeature = tree.NumericalSplitFeatureIndexes.ToArray(),
                    Threshold = tree.NumericalSplitThresholds.ToArray(),
                    DefaultLeft = new bool[tree.NumberOfNodes],
                    LeftChild = tree.LeftChild.ToArray(),
                    RightChild = tree.RightChild.ToArray(),
                    LeafValue = leaves,
                };
        }
        return new TreeEnsemble
        {
            FeatureCount = featureCount,
            OutputCount = 1,
            BaseScore = [ensemble.Bias],
            Trees = trees,
            TreeOutput = new int[trees.Length],
        };
    }
}

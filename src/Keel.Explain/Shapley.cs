using Keel.Learn.Featurization;
using Keel.Learn.Models;

namespace Keel.Explain;

/// <summary>The arithmetic the SHAP explainers share: Shapley weights, binomials, background means, tree depth.</summary>
internal static class Shapley
{
    /// <summary>|S|! (n − |S| − 1)! / n!: the weight of a coalition of <paramref name="size"/> among <paramref name="players"/> players.</summary>
    public static double Weight(int size, int players) => 1 / (players * Binomial(players - 1, size));

    /// <summary>n choose k, in doubles.</summary>
    public static double Binomial(int n, int k)
    {
        double r = 1;
        for (var i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }

    /// <summary>The mean raw score per output of background rows, and every row's raw scores (row-major).</summary>
    public static (double[] Mean, double[] Raw) BackgroundScores(Predictor predictor, FeatureMatrix background)
    {
        var outputs = predictor.OutputCount;
        var raw = new double[background.Rows * outputs];
        predictor.Score(background, raw);
        var mean = new double[outputs];
        for (var r = 0; r < background.Rows; r++)
            for (var k = 0; k < outputs; k++) mean[k] += raw[r * outputs + k] / background.Rows;
        return (mean, raw);
    }

    /// <summary>The most splits from a tree's root to a leaf (0 for a single leaf).</summary>
    public static int Depth(DecisionTree tree) => tree.SplitFeature.Length == 0 ? 0 : Depth(tree, 0);

    private static int Depth(DecisionTree tree, int node) =>
        node < 0 ? 0 : 1 + Math.Max(Depth(tree, tree.LeftChild[node]), Depth(tree, tree.RightChild[node]));
}

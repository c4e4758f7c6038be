using System.Globalization;
using Keel.Learn.Models;

namespace Keel.Learn.Native;

/// <summary>
/// Reads LightGBM's model text format into a <see cref="TreeEnsemble"/> and its <see cref="Link"/>. Numerical splits
/// only (Keel one-hot encodes categories); thresholds become the largest float not above LightGBM's double threshold,
/// which splits every 32-bit feature value exactly as LightGBM does.
/// </summary>
public static class LightGbmModelText
{
    public static (TreeEnsemble Ensemble, Link Link) Parse(string text)
    {
        var header = new Dictionary<string, string>();
        var trees = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("Tree=", StringComparison.Ordinal)) { current = []; trees.Add(current); continue; }
            if (line.StartsWith("end of trees", StringComparison.Ordinal)) break;
            var eq = line.IndexOf('=');
            if (eq <= 0) continue;
            (current ?? header)[line[..eq]] = line[(eq + 1)..];
        }
        if (!header.TryGetValue("max_feature_idx", out var maxFeature))
            throw new KeelLearnException("Not a LightGBM model text: there is no max_feature_idx line.");
        var featureCount = int.Parse(maxFeature, CultureInfo.InvariantCulture) + 1;
        var perIteration = header.TryGetValue("num_tree_per_iteration", out var n) ? int.Parse(n, CultureInfo.InvariantCulture) : 1;
        var objective = header.GetValueOrDefault("objective", "regression");
        var average = header.ContainsKey("average_output");

        var decisionTrees = new DecisionTree[trees.Count];
        var outputs = new int[trees.Count];
        for (var t = 0; t < trees.Count; t++)
        {
            decisionTrees[t] = ParseTree(trees[t], t, average ? 1.0 / (trees.Count / perIteration) : 1.0);
            outputs[t] = t % perIteration;
        }
        var link = objective.Split(' ')[0] switch
        {
            "binary" => Link.Sigmoid(ParseParameter(objective, "sigmoid", 1)),
            "multiclass" or "softmax" => Link.Softmax,
            "regression" or "regression_l2" or "l2" or "regression_l1" or "l1" or "huber" or "fair" or "quantile" or "mape" => Link.Identity,
            var other => throw new KeelLearnException($"LightGBM objective '{other}' is not supported; Keel reads binary, multiclass and regression models."),
        };
        var ensemble = new TreeEnsemble
        {
            FeatureCount = featureCount,
            OutputCount = perIteration,
            BaseScore = new double[perIteration],
            Trees = decisionTrees,
            TreeOutput = outputs,
        };
        return (ensemble, link);
    }

    private static double ParseParameter(string objective, string name, double fallback)
    {
        foreach (var part in objective.Split(' '))
            if (part.StartsWith(name + ":", StringComparison.Ordinal))
                return double.Parse(part[(name.Length + 1)..], CultureInfo.InvariantCulture);
        return fallback;
    }

    private static DecisionTree ParseTree(Dictionary<string, string> tree, int index, double scale)
    {
        var leaves = Doubles(tree, "leaf_value").Select(v => v * scale).ToArray();
        var leafCount = Doubles(tree, "leaf_count");
        if (leaves.Length == 1)
            return new DecisionTree { SplitFeature = [], Threshold = [], DefaultLeft = [], LeftChild = [], RightChild = [], LeafValue = leaves, LeafCover = leafCount };
        var decision = Ints(tree, "decision_type");
        if (decision.Any(d => (d & 1) != 0))
            throw new KeelLearnException($"Tree {index} of the LightGBM model has a categorical split; Keel reads numerical splits only (one-hot encode categories).");
        var thresholds = Doubles(tree, "threshold");
        var floatThresholds = new float[thresholds.Length];
        var defaultLeft = new bool[thresholds.Length];
        for (var i = 0; i < thresholds.Length; i++)
        {
            floatThresholds[i] = FloorToFloat(thresholds[i]);
            var missingType = (decision[i] >> 2) & 3;
            // Missing type None: LightGBM reads NaN as 0. Zero and NaN: the default direction bit decides.
            defaultLeft[i] = missingType == 0 ? 0 <= thresholds[i] : (decision[i] & 2) != 0;
        }
        return new DecisionTree
        {
            SplitFeature = Ints(tree, "split_feature"),
            Threshold = floatThresholds,
            DefaultLeft = defaultLeft,
            LeftChild = Ints(tree, "left_child"),
            RightChild = Ints(tree, "right_child"),
            LeafValue = leaves,
            NodeCover = Doubles(tree, "internal_count"),
            LeafCover = leafCount,
        };
    }

    /// <summary>The largest float f with f ≤ t: for every float x, x ≤ t exactly when x ≤ f.</summary>
    internal static float FloorToFloat(double t)
    {
        if (double.IsPositiveInfinity(t) || t >= float.MaxValue) return float.MaxValue;
        var f = (float)t;
        return f > t ? MathF.BitDecrement(f) : f;
    }

    private static double[] Doubles(Dictionary<string, string> d, string key) =>
        d.TryGetValue(key, out var s) && s.Length > 0
            ? s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ParseDouble).ToArray()
            : [];

    private static double ParseDouble(string v) => v switch
    {
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" or "-nan" => double.NaN,
        _ => double.Parse(v, CultureInfo.InvariantCulture),
    };

    private static int[] Ints(Dictionary<string, string> d, string key) =>
        d.TryGetValue(key, out var s) && s.Length > 0
            ? s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray()
            : [];
}

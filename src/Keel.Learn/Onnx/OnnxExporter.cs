using Keel.Learn.Featurization;
using Keel.Learn.Models;
using static Keel.Learn.Onnx.OnnxGraph;

namespace Keel.Learn.Onnx;

/// <summary>
/// Exports a Keel model, featurization included, as one ONNX graph with ONNX-ML operators: Imputer, IsNaN and Scaler
/// for numbers, OneHotEncoder for categories, TreeEnsembleRegressor or Gemm for the predictor, then the link.
/// </summary>
/// <remarks>
/// Inputs are one tensor per input column, shape [N, 1]: FP32 for numbers (booleans as 0/1, dates as days since
/// 1970-01-01, NaN for missing) and strings for categories ("" for missing). Outputs: <c>label</c> (strings, [N]) and
/// <c>probabilities</c> (FP32, [N, classes]) for classifiers, <c>score</c> (FP32, [N, 1]) for regression.
/// </remarks>
public static class OnnxExporter
{
    public static byte[] Export(Model model)
    {
        if (model.PostProcessor is not null || model.Randomization is not null)
            throw new KeelLearnException("Models with per-group post-processing or randomized decisions have no ONNX form.");
        if (model.Target.Task == TaskKind.Anomaly)
            throw new KeelLearnException("Anomaly detectors have no ONNX form; Keel scores and serves them itself.");
        var g = new OnnxGraph();
        var features = Featurize(g, model.Features);
        var raw = model.Predictor switch
        {
            TreeEnsemble t => Trees(g, t, features),
            LinearModel l => Linear(g, l, features),
            _ => throw new KeelLearnException($"{model.Predictor.GetType().Name} models have no ONNX form."),
        };
        Link(g, model, raw);
        return g.ToBytes(Training.TrainingJob.KeelVersion);
    }

    /// <summary>The ONNX bytes, or null with the reason the model cannot be exported.</summary>
    public static byte[]? TryExport(Model model, out string? reason)
    {
        try
        {
            reason = null;
            return Export(model);
        }
        catch (KeelLearnException e)
        {
            reason = e.Message;
            return null;
        }
    }

    private static string Featurize(OnnxGraph g, FeaturePlan plan)
    {
        var blocks = new List<string>();
        foreach (var encoding in plan.Encodings)
        {
            switch (encoding)
            {
                case NumericEncoding n:
                {
                    g.Input(n.Column, TensorFloat, "N", 1);
                    var value = g.Node("Imputer", [n.Column], Ml, null,
                        OnnxAttribute.Of("imputed_value_floats", new[] { (float)n.Fill }), OnnxAttribute.Of("replaced_value_float", float.NaN));
                    if (n.Offset != 0 || n.Scale != 1)
                        value = g.Node("Scaler", [value], Ml, null, OnnxAttribute.Of("offset", new[] { (float)n.Offset }), OnnxAttribute.Of("scale", new[] { (float)n.Scale }));
                    blocks.Add(value);
                    if (n.MissingIndicator)
                        blocks.Add(g.Node("Cast", [g.Node("IsNaN", [n.Column])], null, null, OnnxAttribute.Of("to", (long)TensorFloat)));
                    break;
                }
                case OneHotEncoding o:
                {
                    g.Input(o.Column, TensorString, "N", 1);
                    var width = o.Categories.Count + 1; // the last indicator is the missing value ""
                    var hot = g.Node("OneHotEncoder", [o.Column], Ml, null,
                        OnnxAttribute.Of("cats_strings", o.Categories.Append("")), OnnxAttribute.Of("zeros", 1L));
                    var flat = g.Node("Reshape", [hot, g.Initializer("shape", [2], [-1L, width])]);
                    if (o.Categories.Count > 0)
                        blocks.Add(g.Node("Slice", [flat, g.Initializer("starts", [1], [0L]), g.Initializer("ends", [1], [(long)o.Categories.Count]), g.Initializer("axes", [1], [1L])]));
                    if (o.OtherIndicator)
                    {
                        var known = g.Node("ReduceSum", [flat, g.Initializer("axes", [1], [1L])], null, null, OnnxAttribute.Of("keepdims", 1L));
                        blocks.Add(g.Node("Sub", [g.Initializer("one", [1], [1f]), known]));
                    }
                    break;
                }
                default:
                    throw new KeelLearnException($"The {encoding.GetType().Name} featurization has no ONNX form.");
            }
        }
        return g.Node("Concat", blocks.ToArray(), null, "features", OnnxAttribute.Of("axis", 1L));
    }

    private static string Trees(OnnxGraph g, TreeEnsemble ensemble, string features)
    {
        var treeIds = new List<long>();
        var nodeIds = new List<long>();
        var featureIds = new List<long>();
        var modes = new List<string>();
        var values = new List<float>();
        var trueIds = new List<long>();
        var falseIds = new List<long>();
        var missingTrue = new List<long>();
        var targetTree = new List<long>();
        var targetNode = new List<long>();
        var targetId = new List<long>();
        var targetWeight = new List<float>();
        for (var t = 0; t < ensemble.Trees.Length; t++)
        {
            var tree = ensemble.Trees[t];
            var internalCount = tree.SplitFeature.Length;
            long Id(int child) => child >= 0 ? child : internalCount + ~child;
            for (var n = 0; n < internalCount; n++)
            {
                treeIds.Add(t); nodeIds.Add(n); featureIds.Add(tree.SplitFeature[n]); modes.Add("BRANCH_LEQ");
                values.Add(tree.Threshold[n]); trueIds.Add(Id(tree.LeftChild[n])); falseIds.Add(Id(tree.RightChild[n]));
                missingTrue.Add(tree.DefaultLeft[n] ? 1 : 0);
            }
            for (var l = 0; l < tree.LeafCount; l++)
            {
                treeIds.Add(t); nodeIds.Add(internalCount + l); featureIds.Add(0); modes.Add("LEAF");
                values.Add(0); trueIds.Add(0); falseIds.Add(0); missingTrue.Add(0);
                targetTree.Add(t); targetNode.Add(internalCount + l); targetId.Add(ensemble.TreeOutput[t]); targetWeight.Add((float)tree.LeafValue[l]);
            }
        }
        return g.Node("TreeEnsembleRegressor", [features], Ml, null,
            OnnxAttribute.Of("n_targets", (long)ensemble.OutputCount),
            OnnxAttribute.Of("aggregate_function", "SUM"),
            OnnxAttribute.Of("post_transform", "NONE"),
            OnnxAttribute.Of("base_values", ensemble.BaseScore.Select(b => (float)b)),
            OnnxAttribute.Of("nodes_treeids", treeIds), OnnxAttribute.Of("nodes_nodeids", nodeIds),
            OnnxAttribute.Of("nodes_featureids", featureIds), OnnxAttribute.Of("nodes_modes", modes),
            OnnxAttribute.Of("nodes_values", values), OnnxAttribute.Of("nodes_truenodeids", trueIds),
            OnnxAttribute.Of("nodes_falsenodeids", falseIds), OnnxAttribute.Of("nodes_missing_value_tracks_true", missingTrue),
            OnnxAttribute.Of("target_treeids", targetTree), OnnxAttribute.Of("target_nodeids", targetNode),
            OnnxAttribute.Of("target_ids", targetId), OnnxAttribute.Of("target_weights", targetWeight));
    }

    private static string Linear(OnnxGraph g, LinearModel linear, string features)
    {
        var f = linear.FeatureCount;
        var k = linear.OutputCount;
        var w = new float[f * k];
        for (var j = 0; j < f; j++)
            for (var c = 0; c < k; c++) w[j * k + c] = (float)linear.Weights[c][j];
        return g.Node("Gemm", [features, g.Initializer("weights", [f, k], w), g.Initializer("bias", [k], linear.Bias.Select(b => (float)b).ToArray())]);
    }

    private static void Link(OnnxGraph g, Model model, string raw)
    {
        var classes = model.Target.Classes;
        switch (model.Link.Kind)
        {
            case LinkKind.Identity:
                g.Node("Identity", [raw], null, "score");
                g.Output("score", TensorFloat, "N", 1);
                return;
            case LinkKind.Sigmoid:
            {
                var z = g.Node("Add", [g.Node("Mul", [raw, g.Initializer("scale", [1], [(float)model.Link.Scale])]), g.Initializer("shift", [1], [(float)model.Link.Shift])]);
                var p = g.Node("Sigmoid", [z]);
                var q = g.Node("Sub", [g.Initializer("one", [1], [1f]), p]);
                g.Node("Concat", [q, p], null, "probabilities", OnnxAttribute.Of("axis", 1L));
                var positive = g.Node("Cast", [g.Node("GreaterOrEqual", [p, g.Initializer("threshold", [1], [(float)model.Threshold])])], null, null, OnnxAttribute.Of("to", (long)TensorInt64));
                var index = g.Node("Reshape", [positive, g.Initializer("shape", [1], [-1L])]);
                Labels(g, index, classes);
                g.Output("label", TensorString, "N");
                g.Output("probabilities", TensorFloat, "N", 2);
                return;
            }
            default:
            {
                var probabilities = g.Node("Softmax", [raw], null, "probabilities", OnnxAttribute.Of("axis", 1L));
                var index = g.Node("ArgMax", [probabilities], null, null, OnnxAttribute.Of("axis", 1L), OnnxAttribute.Of("keepdims", 0L));
                Labels(g, index, classes);
                g.Output("label", TensorString, "N");
                g.Output("probabilities", TensorFloat, "N", classes.Count);
                return;
            }
        }
    }

    private static void Labels(OnnxGraph g, string index, IReadOnlyList<string> classes) =>
        g.Node("LabelEncoder", [index], Ml, "label",
            OnnxAttribute.Of("keys_int64s", Enumerable.Range(0, classes.Count).Select(i => (long)i)),
            OnnxAttribute.Of("values_strings", classes), OnnxAttribute.Of("default_string", ""));
}

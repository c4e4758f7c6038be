using System.Globalization;
using System.Text.Json;
using Keel.Learn.Models;

namespace Keel.Learn.Import;

/// <summary>
/// Reads an XGBoost model saved as JSON (<c>Booster.save_model("model.json")</c>, XGBoost 1.x) into Keel's
/// <see cref="TreeEnsemble"/>, its <see cref="Link"/> and the feature names the file stores.
/// </summary>
/// <remarks>
/// <para>Objectives: <c>binary:logistic</c> (sigmoid link; the file's <c>base_score</c> is a probability and the
/// base margin is its logit, computed in 32-bit floats as XGBoost does), <c>reg:squarederror</c> (identity;
/// <c>base_score</c> as it is) and <c>multi:softprob</c> / <c>multi:softmax</c> (softmax; <c>tree_info</c> gives each
/// tree's class and <c>base_score</c> is added to every class). Any other objective, a linear or DART booster, a
/// categorical split and a vector leaf are refused, naming the tree and node at fault.</para>
/// <para>XGBoost sends a value x left when x &lt; split_condition, and a missing one where <c>default_left</c>
/// says. Keel sends x left when x ≤ threshold, so the threshold is the largest float strictly below the split
/// condition: for every 32-bit x the two tests agree. Leaf values are the <c>split_conditions</c> of the leaves (the
/// learning rate already applied; <c>base_weights</c> are the weights before it), covers the <c>sum_hessian</c> of
/// each node. Nodes are renumbered depth first from the root into Keel's layout; nodes the root does not reach
/// (deleted by pruning) are dropped.</para>
/// </remarks>
/// <example>
/// <code>
/// var imported = XgboostJsonModel.Parse(File.ReadAllText("churn.json"), "churn.json");
/// var raw = new double[rows * imported.Ensemble.OutputCount];
/// imported.Ensemble.Score(features, raw);   // equals Booster.predict(..., output_margin=True)
/// </code>
/// </example>
public static class XgboostJsonModel
{
    /// <summary>What the manifest's trainer says: "XGBoost (imported)".</summary>
    public const string Format = "XGBoost";

    private const string SaveHint = "Save the model with Booster.save_model(\"model.json\") (the .json extension picks XGBoost's JSON format) and import that file.";

    /// <summary>Parses the text of an XGBoost JSON model; <paramref name="source"/> names it in errors.</summary>
    public static ImportedEnsemble Parse(string json, string source = "the XGBoost model")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(QuoteNonFiniteNumbers(json), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new KeelLearnException($"{source} is not an XGBoost JSON model: it is not JSON ({e.Message}). A binary or UBJSON model cannot be read. {SaveHint}", e);
        }
        using (document)
        {
            try
            {
                return Read(document.RootElement, source);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException)
            {
                throw new KeelLearnException($"{source} is not a valid XGBoost JSON model: a field has a value of the wrong kind ({e.Message}). {SaveHint}", e);
            }
        }
    }

    /// <summary>
    /// XGBoost writes non-finite floats as the bare words NaN, Infinity and -Infinity (a categorical split's condition
    /// is NaN), which JSON does not allow; they become strings, which <see cref="Floats"/> reads back.
    /// </summary>
    internal static string QuoteNonFiniteNumbers(string json)
    {
        if (!json.Contains("NaN", StringComparison.Ordinal) && !json.Contains("Infinity", StringComparison.Ordinal)) return json;
        var result = new System.Text.StringBuilder(json.Length + 64);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                result.Append(c);
                if (c == '\\' && i + 1 < json.Length) result.Append(json[++i]);
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') { inString = true; result.Append(c); continue; }
            var word = string.CompareOrdinal(json, i, "NaN", 0, 3) == 0 ? "NaN"
                : string.CompareOrdinal(json, i, "Infinity", 0, 8) == 0 ? "Infinity"
                : string.CompareOrdinal(json, i, "-Infinity", 0, 9) == 0 ? "-Infinity"
                : null;
            if (word is null) { result.Append(c); continue; }
            result.Append('"').Append(word).Append('"');
            i += word.Length - 1;
        }
        return result.ToString();
    }

    private static ImportedEnsemble Read(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("learner", out var learner))
            throw new KeelLearnException($"{source} is not an XGBoost JSON model: it has no 'learner' object. {SaveHint}");
        var parameters = Field(learner, "learner_model_param", "learner", source);
        var objective = Field(Field(learner, "objective", "learner", source), "name", "learner.objective", source).GetString() ?? "";
        var booster = Field(learner, "gradient_booster", "learner", source);
        var boosterName = booster.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "gbtree";
        if (boosterName != "gbtree")
            throw new KeelLearnException(boosterName == "gblinear"
                ? $"{source} is a linear XGBoost model (booster gblinear); Keel imports tree models (booster gbtree)."
                : $"{source} uses the XGBoost booster '{boosterName}'; Keel imports gbtree models only. Retrain with booster=\"gbtree\".");

        var featureCount = IntParameter(parameters, "num_feature", source);
        if (featureCount < 1) throw new KeelLearnException($"{source}: learner_model_param.num_feature is {featureCount}; a model needs at least one feature.");
        var classCount = parameters.TryGetProperty("num_class", out _) ? IntParameter(parameters, "num_class", source) : 0;
        if (parameters.TryGetProperty("num_target", out _) && IntParameter(parameters, "num_target", source) > 1)
            throw new KeelLearnException($"{source} is a multi-output XGBoost model (num_target {IntParameter(parameters, "num_target", source)}); Keel imports models with one target.");
        var baseScore = BaseScore(parameters, source);

        var (link, outputs) = objective switch
        {
            "binary:logistic" => (Link.Sigmoid(), 1),
            "reg:squarederror" or "reg:linear" => (Link.Identity, 1),
            "multi:softprob" or "multi:softmax" when classCount >= 2 => (Link.Softmax, classCount),
            "multi:softprob" or "multi:softmax" => throw new KeelLearnException($"{source}: objective {objective} needs learner_model_param.num_class of at least 2, but it is {classCount}."),
            _ => throw new KeelLearnException($"{source}: the XGBoost objective '{objective}' is not supported. Keel imports binary:logistic, reg:squarederror, multi:softprob and multi:softmax models; retrain with one of those."),
        };
        double margin = baseScore;
        if (link.Kind == LinkKind.Sigmoid)
        {
            if (!(baseScore > 0 && baseScore < 1))
                throw new KeelLearnException($"{source}: learner_model_param.base_score is {baseScore.ToString(CultureInfo.InvariantCulture)}, but binary:logistic needs a probability strictly between 0 and 1.");
            margin = -MathF.Log(1f / baseScore - 1f); // XGBoost's ProbToMargin, in floats as XGBoost computes it
        }

        var model = Field(booster, "model", "learner.gradient_booster", source);
        var trees = Field(model, "trees", "learner.gradient_booster.model", source);
        if (trees.ValueKind != JsonValueKind.Array)
            throw new KeelLearnException($"{source}: learner.gradient_booster.model.trees is not an array. {SaveHint}");
        var treeInfo = model.TryGetProperty("tree_info", out var info) ? Ints(info, "tree_info", source) : new int[trees.GetArrayLength()];
        if (treeInfo.Length != trees.GetArrayLength())
            throw new KeelLearnException($"{source}: tree_info has {treeInfo.Length} entries for {trees.GetArrayLength()} trees. The file is damaged; save the model again.");

        var decisionTrees = new DecisionTree[treeInfo.Length];
        var t = 0;
        foreach (var tree in trees.EnumerateArray())
        {
            if ((uint)treeInfo[t] >= (uint)outputs)
                throw new KeelLearnException($"{source}: tree {t} adds to class {treeInfo[t]} (tree_info), but the model has {outputs} output{(outputs == 1 ? "" : "s")}.");
            decisionTrees[t] = ReadTree(tree, t, featureCount, source);
            t++;
        }

        var ensemble = new TreeEnsemble
        {
            FeatureCount = featureCount,
            OutputCount = outputs,
            BaseScore = Enumerable.Repeat(margin, outputs).ToArray(),
            Trees = decisionTrees,
            TreeOutput = treeInfo,
        };
        return new ImportedEnsemble(ensemble, link, FeatureNames(learner, featureCount, source), Format, objective)
        {
            Notes = EarlyStoppingNote(learner, model, decisionTrees.Length, outputs, source),
        };
    }

    /// <summary>
    /// A note when the file records a best iteration (early stopping) before its last round: Keel scores every tree,
    /// as <c>Booster.predict</c> does, but XGBoost's scikit-learn <c>predict</c> stops at the best iteration.
    /// </summary>
    private static string[] EarlyStoppingNote(JsonElement learner, JsonElement model, int trees, int outputs, string source)
    {
        if (!learner.TryGetProperty("attributes", out var attributes) || !attributes.TryGetProperty("best_iteration", out var best)
            || !int.TryParse(best.ValueKind == JsonValueKind.String ? best.GetString() : best.GetRawText(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bestIteration))
            return [];
        var parallel = model.TryGetProperty("gbtree_model_param", out var p) && p.TryGetProperty("num_parallel_tree", out _) ? Math.Max(1, IntParameter(p, "num_parallel_tree", source)) : 1;
        var rounds = trees / (outputs * parallel);
        return bestIteration + 1 < rounds
            ? [$"{source} records best_iteration {bestIteration} (early stopping) but holds {rounds} rounds. Keel scores all {rounds}, as Booster.predict does; XGBoost's scikit-learn predict() uses the first {bestIteration + 1}. To import those, save booster[:{bestIteration + 1}] and import that file."]
            : [];
    }

    private static DecisionTree ReadTree(JsonElement tree, int t, int featureCount, string source)
    {
        var where = $"tree {t}";
        var left = Ints(Field(tree, "left_children", where, source), $"{where}: left_children", source);
        var right = Ints(Field(tree, "right_children", where, source), $"{where}: right_children", source);
        var features = Ints(Field(tree, "split_indices", where, source), $"{where}: split_indices", source);
        var conditions = Floats(Field(tree, "split_conditions", where, source), $"{where}: split_conditions", source);
        var defaultLeft = Flags(Field(tree, "default_left", where, source), $"{where}: default_left", source);
        var hessians = tree.TryGetProperty("sum_hessian", out var h) ? Floats(h, $"{where}: sum_hessian", source) : new float[left.Length];
        var splitTypes = tree.TryGetProperty("split_type", out var st) ? Ints(st, $"{where}: split_type", source) : new int[left.Length];
        var categorical = tree.TryGetProperty("categories_nodes", out var cn) ? Ints(cn, $"{where}: categories_nodes", source).ToHashSet() : [];
        if (tree.TryGetProperty("tree_param", out var treeParam) && treeParam.TryGetProperty("size_leaf_vector", out _)
            && IntParameter(treeParam, "size_leaf_vector", source) > 0)
            throw new KeelLearnException($"{source}: {where} has vector leaves (size_leaf_vector > 0, a multi-target tree); Keel imports trees with one value per leaf.");

        var count = left.Length;
        if (count == 0) throw new KeelLearnException($"{source}: {where} has no nodes. The file is damaged; save the model again.");
        foreach (var (name, length) in new[] { ("right_children", right.Length), ("split_indices", features.Length), ("split_conditions", conditions.Length), ("default_left", defaultLeft.Length), ("sum_hessian", hessians.Length), ("split_type", splitTypes.Length) })
            if (length != count)
                throw new KeelLearnException($"{source}: {where} has {count} left_children but {length} {name}. The file is damaged; save the model again.");

        // Number the nodes the root reaches, depth first and left first: internal nodes 0..k-1, leaves 0..l-1.
        var newIndex = new int[count];
        Array.Fill(newIndex, int.MinValue);
        var internals = new List<int>();
        var leaves = new List<int>();
        var stack = new Stack<int>();
        stack.Push(0);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (newIndex[node] != int.MinValue)
                throw new KeelLearnException($"{source}: {where}, node {node} is reached twice, so the nodes do not form a tree. The file is damaged; save the model again.");
            if (left[node] == -1)
            {
                newIndex[node] = ~leaves.Count;
                leaves.Add(node);
                continue;
            }
            if (splitTypes[node] != 0 || categorical.Contains(node))
                throw new KeelLearnException($"{source}: {where}, node {node} is a categorical split (split_type {splitTypes[node]}); Keel imports numerical splits only. Retrain without enable_categorical, with the categories one-hot encoded, and import again.");
            if ((uint)features[node] >= (uint)featureCount)
                throw new KeelLearnException($"{source}: {where}, node {node} splits on feature {features[node]}, but the model has {featureCount} features (learner_model_param.num_feature).");
            if (float.IsNaN(conditions[node]))
                throw new KeelLearnException($"{source}: {where}, node {node} has no split condition (NaN). The file is damaged; save the model again.");
            foreach (var child in new[] { left[node], right[node] })
                if ((uint)child >= (uint)count)
                    throw new KeelLearnException($"{source}: {where}, node {node} has the child {child}, but the tree has nodes 0 to {count - 1}. The file is damaged; save the model again.");
            newIndex[node] = internals.Count;
            internals.Add(node);
            stack.Push(right[node]);
            stack.Push(left[node]);
        }

        var k = internals.Count;
        var tree2 = new DecisionTree
        {
            SplitFeature = new int[k],
            Threshold = new float[k],
            DefaultLeft = new bool[k],
            LeftChild = new int[k],
            RightChild = new int[k],
            NodeCover = new double[k],
            LeafValue = leaves.Select(l => (double)conditions[l]).ToArray(),
            LeafCover = leaves.Select(l => (double)hessians[l]).ToArray(),
        };
        for (var i = 0; i < k; i++)
        {
            var node = internals[i];
            tree2.SplitFeature[i] = features[node];
            tree2.Threshold[i] = BelowSplitCondition(conditions[node]);
            tree2.DefaultLeft[i] = defaultLeft[node];
            tree2.LeftChild[i] = newIndex[left[node]];
            tree2.RightChild[i] = newIndex[right[node]];
            tree2.NodeCover[i] = hessians[node];
        }
        return tree2;
    }

    /// <summary>
    /// The largest float strictly below <paramref name="condition"/>: for every float x,
    /// x &lt; condition exactly when x ≤ the result (negative infinity, where the two cannot agree, stays itself).
    /// </summary>
    internal static float BelowSplitCondition(float condition) =>
        float.IsNegativeInfinity(condition) ? condition : MathF.BitDecrement(condition);

    private static IReadOnlyList<string>? FeatureNames(JsonElement learner, int featureCount, string source)
    {
        if (!learner.TryGetProperty("feature_names", out var names) || names.ValueKind != JsonValueKind.Array || names.GetArrayLength() == 0)
            return null;
        var result = names.EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
        if (result.Length != featureCount)
            throw new KeelLearnException($"{source}: learner.feature_names has {result.Length} names but the model has {featureCount} features (learner_model_param.num_feature). The file is damaged; save the model again.");
        return result;
    }

    /// <summary>The single base_score, written by XGBoost as a string ("5E-1", or "[5E-1]" by later versions).</summary>
    private static float BaseScore(JsonElement parameters, string source)
    {
        if (!parameters.TryGetProperty("base_score", out var value)) return 0.5f;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim().TrimStart('[').TrimEnd(']') : value.GetRawText();
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 1)
            throw new KeelLearnException($"{source}: learner_model_param.base_score holds {parts.Length} values; Keel imports models with a single base_score (XGBoost 1.x and 2.x).");
        if (!float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !float.IsFinite(score))
            throw new KeelLearnException($"{source}: learner_model_param.base_score '{text}' is not a finite number.");
        return score;
    }

    private static int IntParameter(JsonElement parameters, string name, string source)
    {
        var value = parameters.GetProperty(name);
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result))
            throw new KeelLearnException($"{source}: the model parameter {name} '{text}' is not an integer. The file is damaged; save the model again.");
        return result;
    }

    private static JsonElement Field(JsonElement parent, string name, string where, string source)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)) return value;
        throw new KeelLearnException($"{source} is not a complete XGBoost JSON model: {where} has no '{name}'. {SaveHint}");
    }

    private static int[] Ints(JsonElement array, string what, string source) =>
        Elements(array, what, source).Select(e => e.GetInt32()).ToArray();

    private static float[] Floats(JsonElement array, string what, string source) =>
        Elements(array, what, source).Select(e => e.ValueKind != JsonValueKind.String ? e.GetSingle() : e.GetString() switch
        {
            "NaN" => float.NaN,
            "Infinity" => float.PositiveInfinity,
            "-Infinity" => float.NegativeInfinity,
            var other => throw new KeelLearnException($"{source}: {what} holds the text '{other}' where a number belongs. The file is damaged; save the model again."),
        }).ToArray();

    private static bool[] Flags(JsonElement array, string what, string source) =>
        Elements(array, what, source).Select(e => e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => e.GetInt32() != 0,
        }).ToArray();

    private static JsonElement.ArrayEnumerator Elements(JsonElement array, string what, string source) =>
        array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : throw new KeelLearnException($"{source}: {what} is not an array. The file is damaged; save the model again.");
}

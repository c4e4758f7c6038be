using Keel.Learn.Models;

namespace Keel.Learn.Ensembles;

/// <summary>
/// An ensemble as one predictor: layers of bagged members and a weighted average of the last layer's outputs.
/// One layer with equal weights is soft voting; one layer with greedily chosen weights is Caruana et al.'s ensemble
/// selection (2004); two or more layers are stacking with out-of-fold predictions, each later layer reading the
/// features and the outputs of the layer before (AutoGluon's multi-layer stack ensembling, Erickson et al. 2020).
/// </summary>
/// <remarks>
/// The predictor's one output (binary) is the weighted P(positive), read through <see cref="Link.ProbabilityIdentity"/>;
/// for multiclass its outputs are the logarithms of the weighted class probabilities, read through
/// <see cref="Link.Softmax"/> (which gives the probabilities back); for regression, the weighted value
/// (<see cref="Link.Identity"/>). <see cref="LinkFor"/> gives the link.
/// </remarks>
/// <example>
/// <code>
/// var ensemble = new EnsembleTrainer { Kind = EnsembleKind.Stacking, BaseTrainers = [new LightGbmTrainer(), new LinearTrainer()] };
/// var model = ensemble.Fit(train, target);   // an ordinary Model: predict, save, serve, explain (Kernel SHAP)
/// </code>
/// </example>
public sealed record StackedEnsemble : Predictor
{
    /// <summary>The layers, first to last.</summary>
    public required IReadOnlyList<EnsembleLayer> Layers { get; init; }

    /// <summary>The weight of each member of the last layer, in its order; they sum to 1.</summary>
    public required IReadOnlyList<double> Weights { get; init; }

    /// <summary>Outputs of each member: the classes of a multiclass model, else 1.</summary>
    public required int MemberOutputs { get; init; }

    /// <summary>Whether the ensemble averages class probabilities (classification) rather than values (regression).</summary>
    public required bool Probabilistic { get; init; }

    /// <summary>The link a model with this predictor uses (see the remarks).</summary>
    public Link LinkFor() => !Probabilistic ? Link.Identity : MemberOutputs == 1 ? Link.ProbabilityIdentity : Link.Softmax;

    /// <summary>Every member of every layer, counting each fold once: the number of trees/linear models scored per row.</summary>
    public int FoldPredictors => Layers.Sum(l => l.Members.Sum(m => m.Folds.Count));

    /// <summary>The inputs a layer reads.</summary>
    public int InputsOf(int layer) =>
        layer == 0 ? FeatureCount : (Layers[layer].PassFeatures ? FeatureCount : 0) + Layers[layer - 1].Members.Count * MemberOutputs;

    /// <summary>Checks the shapes once: member inputs and outputs, weights; throws with the first mismatch.</summary>
    public StackedEnsemble Checked()
    {
        if (Layers.Count == 0) throw new KeelLearnException("An ensemble needs at least one layer.");
        for (var l = 0; l < Layers.Count; l++)
        {
            if (Layers[l].Members.Count == 0) throw new KeelLearnException($"Layer {l + 1} of the ensemble has no member.");
            foreach (var member in Layers[l].Members)
            foreach (var fold in member.Folds)
                if (fold.FeatureCount != InputsOf(l) || fold.OutputCount != MemberOutputs)
                    throw new KeelLearnException($"Member '{member.Name}' of layer {l + 1} reads {fold.FeatureCount} inputs with {fold.OutputCount} outputs; the layer has {InputsOf(l)} inputs and {MemberOutputs} outputs.");
        }
        if (Weights.Count != Layers[^1].Members.Count)
            throw new KeelLearnException($"The ensemble has {Weights.Count} weights for {Layers[^1].Members.Count} members of its last layer.");
        if (Weights.Any(w => w < 0 || !double.IsFinite(w)) || Math.Abs(Weights.Sum() - 1) > 1e-9)
            throw new KeelLearnException("The ensemble's weights must be non-negative and sum to 1.");
        if (OutputCount != MemberOutputs) throw new KeelLearnException("The ensemble's outputs must equal its members' outputs.");
        return this;
    }

    protected override void ScoreRows(ReadOnlySpan<float> features, int rows, Span<double> raw, int threads)
    {
        var outputs = LayerOutputs(features, rows, Layers.Count, threads);
        var k = MemberOutputs;
        raw[..(rows * k)].Clear();
        var last = Layers[^1].Members.Count;
        for (var m = 0; m < last; m++)
        {
            var w = Weights[m];
            if (w == 0) continue;
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < k; c++) raw[r * k + c] += w * outputs[(r * last + m) * k + c];
        }
        if (Probabilistic && k > 1)
            for (var i = 0; i < rows * k; i++) raw[i] = Math.Log(Math.Max(raw[i], 1e-15));
    }

    public override void ScoreRow(ReadOnlySpan<float> x, Span<double> raw) => ScoreRows(x, 1, raw, 1);

    /// <summary>
    /// The outputs of every member of layer <paramref name="upTo"/> − 1 (<c>rows × members × MemberOutputs</c>, row-major by
    /// row, then member), computing the layers before it.
    /// </summary>
    internal double[] LayerOutputs(ReadOnlySpan<float> features, int rows, int upTo, int threads)
    {
        var k = MemberOutputs;
        double[] previous = [];
        for (var l = 0; l < upTo; l++)
        {
            ReadOnlySpan<float> inputs = l == 0 ? features : Inputs(features, rows, previous, l);
            var members = Layers[l].Members;
            var outputs = new double[rows * members.Count * k];
            var one = new double[rows * k];
            for (var m = 0; m < members.Count; m++)
            {
                members[m].Output(inputs, rows, one, threads);
                for (var r = 0; r < rows; r++)
                    one.AsSpan(r * k, k).CopyTo(outputs.AsSpan((r * members.Count + m) * k, k));
            }
            previous = outputs;
        }
        return previous;
    }

    /// <summary>The inputs of a later layer: the features (when passed) then the previous layer's outputs.</summary>
    internal float[] Inputs(ReadOnlySpan<float> features, int rows, double[] previous, int layer)
    {
        var width = InputsOf(layer);
        var pass = Layers[layer].PassFeatures ? FeatureCount : 0;
        var stacked = previous.Length / Math.Max(1, rows);
        var inputs = new float[rows * width];
        for (var r = 0; r < rows; r++)
        {
            if (pass > 0) features.Slice(r * FeatureCount, FeatureCount).CopyTo(inputs.AsSpan(r * width, pass));
            for (var j = 0; j < stacked; j++) inputs[r * width + pass + j] = (float)previous[r * stacked + j];
        }
        return inputs;
    }
}

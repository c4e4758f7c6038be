using Keel.Learn.Featurization;
using Keel.Learn.Trainers;

namespace Keel.Learn.Ensembles;

/// <summary>
/// Builds ensembles from bagged members that share one <see cref="EnsembleData"/>: averages (voting), greedy
/// selection, and stacking layers that learn from the features and the layer below's out-of-fold outputs
/// (AutoGluon's scheme: Erickson et al., "AutoGluon-Tabular", 2020, §3.2–3.3). The out-of-fold outputs of an
/// ensemble are honest only for the members' own training; selection and stacking choose on them, so compare the
/// result on held-out rows.
/// </summary>
public static class Ensembling
{
    /// <summary>The plain average of every member.</summary>
    public static EnsembleFit Vote(IReadOnlyList<BaggedFit> members, EnsembleData data) =>
        Assemble([members], Enumerable.Repeat(1.0 / members.Count, members.Count).ToArray(), data, $"average of {members.Count} models");

    /// <summary>Greedy ensemble selection over the members' out-of-fold outputs.</summary>
    public static EnsembleFit Select(IReadOnlyList<BaggedFit> members, EnsembleData data, int steps = GreedyEnsembleSelection.DefaultSteps)
    {
        var (weights, _) = GreedyEnsembleSelection.Select(members.Select(m => m.OutOfFold).ToList(), data, steps);
        return Assemble([members], weights, data, "ensemble selection over " + Describe(members, weights));
    }

    /// <summary>
    /// A stacking layer: each stacker is bagged, on the same folds, on the features (when
    /// <paramref name="passFeatures"/>) followed by every out-of-fold output of <paramref name="below"/>.
    /// </summary>
    public static IReadOnlyList<BaggedFit> NextLayer(IReadOnlyList<BaggedFit> below, IReadOnlyList<(FeaturizedTrainer Trainer, string Name)> stackers,
        EnsembleData data, TrainingContext? context = null, bool passFeatures = true)
    {
        var (inputs, scaled) = LayerInputs(below, data, passFeatures);
        return stackers.Select(s => BaggedFit.Fit(s.Trainer, s.Name, inputs, scaled, data, context)).ToArray();
    }

    /// <summary>Two layers: <paramref name="firstLayer"/> below, <paramref name="secondLayer"/> (from <see cref="NextLayer"/>) weighted by ensemble selection.</summary>
    public static EnsembleFit Stack(IReadOnlyList<BaggedFit> firstLayer, IReadOnlyList<BaggedFit> secondLayer, EnsembleData data,
        int steps = GreedyEnsembleSelection.DefaultSteps, bool passFeatures = true)
    {
        var (weights, _) = GreedyEnsembleSelection.Select(secondLayer.Select(m => m.OutOfFold).ToList(), data, steps);
        return Assemble([firstLayer, secondLayer], weights, data,
            $"stack of {firstLayer.Count} models under " + Describe(secondLayer, weights), passFeatures);
    }

    /// <summary>
    /// The ensemble of <paramref name="layers"/> with <paramref name="weights"/> on the last layer's members; members
    /// of weight 0 in the last layer are left out.
    /// </summary>
    public static EnsembleFit Assemble(IReadOnlyList<IReadOnlyList<BaggedFit>> layers, IReadOnlyList<double> weights, EnsembleData data, string description, bool passFeatures = true)
    {
        var last = layers[^1];
        if (weights.Count != last.Count) throw new ArgumentException($"{weights.Count} weights for {last.Count} members.", nameof(weights));
        var kept = Enumerable.Range(0, last.Count).Where(i => weights[i] > 0).ToArray();
        if (kept.Length == 0) throw new KeelLearnException("An ensemble needs a member with a positive weight.");
        var total = kept.Sum(i => weights[i]);
        var finalWeights = kept.Select(i => weights[i] / total).ToArray();
        var ensembleLayers = layers.Take(layers.Count - 1)
            .Select((layer, l) => new EnsembleLayer(layer.Select(m => m.Member).ToArray(), l == 0 || passFeatures))
            .Append(new EnsembleLayer(kept.Select(i => last[i].Member).ToArray(), layers.Count == 1 || passFeatures))
            .ToArray();
        var predictor = new StackedEnsemble
        {
            FeatureCount = data.Features.Columns,
            OutputCount = data.Width,
            MemberOutputs = data.Width,
            Probabilistic = data.Probabilistic,
            Layers = ensembleLayers,
            Weights = finalWeights,
        }.Checked();
        var oof = new double[last[0].OutOfFold.Length];
        for (var j = 0; j < kept.Length; j++)
        {
            var o = last[kept[j]].OutOfFold;
            for (var i = 0; i < oof.Length; i++) oof[i] += finalWeights[j] * o[i];
        }
        return new EnsembleFit(predictor, oof, data.Score(oof), description);
    }

    /// <summary>The inputs of a layer above <paramref name="below"/>, and which of them a linear stacker standardizes.</summary>
    internal static (FeatureMatrix Inputs, bool[] Scaled) LayerInputs(IReadOnlyList<BaggedFit> below, EnsembleData data, bool passFeatures)
    {
        var x = data.Features;
        var width = data.Width;
        var pass = passFeatures ? x.Columns : 0;
        var columns = pass + below.Count * width;
        var values = new float[x.Rows * columns];
        for (var r = 0; r < x.Rows; r++)
        {
            if (pass > 0) x.Row(r).CopyTo(values.AsSpan(r * columns, pass));
            for (var m = 0; m < below.Count; m++)
                for (var c = 0; c < width; c++)
                    values[r * columns + pass + m * width + c] = (float)below[m].OutOfFold[r * width + c];
        }
        var names = (passFeatures ? x.Names : []).Concat(below.SelectMany(m => Enumerable.Range(0, width).Select(c => width == 1 ? m.Member.Name : $"{m.Member.Name}[{data.Target.Classes[c]}]"))).ToArray();
        var scaled = (passFeatures ? data.Scaled : []).Concat(Enumerable.Repeat(true, below.Count * width)).ToArray();
        return (new FeatureMatrix(values, x.Rows, names), scaled);
    }

    private static string Describe(IReadOnlyList<BaggedFit> members, IReadOnlyList<double> weights) =>
        string.Join(", ", Enumerable.Range(0, members.Count).Where(i => weights[i] > 0).OrderByDescending(i => weights[i])
            .Select(i => FormattableString.Invariant($"{members[i].Member.Name} {weights[i]:0.00}")));
}

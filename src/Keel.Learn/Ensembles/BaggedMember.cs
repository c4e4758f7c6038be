using Keel.Learn.Featurization;
using Keel.Learn.Models;

namespace Keel.Learn.Ensembles;

/// <summary>
/// One model of an ensemble layer: the predictors of its folds (k-fold bagging: each fold's predictor learned on the
/// other folds' rows), whose outputs are averaged, and the link that turns their raw scores into outputs. A member
/// trained once on every row has one fold.
/// </summary>
/// <param name="Name">What the member is, e.g. "LightGbm #3" — shown in the leaderboard and the manifest.</param>
/// <param name="Folds">The fold predictors; each reads the layer's inputs.</param>
/// <param name="Link">The link of every fold predictor.</param>
public sealed record BaggedMember(string Name, IReadOnlyList<Predictor> Folds, Link Link)
{
    /// <summary>The member's outputs (<c>rows × outputs</c>) of rows of its layer's inputs.</summary>
    public double[] Outputs(FeatureMatrix inputs, int threads = 1)
    {
        if (inputs.Columns != Folds[0].FeatureCount)
            throw new KeelLearnException($"Member '{Name}' reads {Folds[0].FeatureCount} inputs but got {inputs.Columns}.");
        var outputs = new double[inputs.Rows * Folds[0].OutputCount];
        Output(inputs.Values, inputs.Rows, outputs, threads);
        return outputs;
    }

    /// <summary>
    /// Writes the member's outputs of validated rows (<c>rows × outputs</c>): the mean over folds of P(positive)
    /// (binary), the class probabilities (multiclass) or the value (regression).
    /// </summary>
    internal void Output(ReadOnlySpan<float> inputs, int rows, Span<double> outputs, int threads)
    {
        var width = Folds[0].OutputCount;
        outputs[..(rows * width)].Clear();
        var raw = new double[rows * width];
        foreach (var fold in Folds)
        {
            fold.Score(inputs, rows, raw, threads);
            ToOutputs(raw, rows, width, Link);
            for (var i = 0; i < raw.Length; i++) outputs[i] += raw[i] / Folds.Count;
        }
    }

    /// <summary>Turns raw scores into outputs in place: probabilities through the link, values unchanged.</summary>
    internal static void ToOutputs(Span<double> raw, int rows, int width, Link link)
    {
        switch (link.Kind)
        {
            case LinkKind.Softmax:
                for (var r = 0; r < rows; r++) Link.SoftmaxInPlace(raw.Slice(r * width, width));
                break;
            case LinkKind.Sigmoid or LinkKind.Probability:
                for (var i = 0; i < rows; i++) raw[i] = link.Probability(raw[i]);
                break;
        }
    }
}

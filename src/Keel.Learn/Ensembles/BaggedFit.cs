using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Trainers;

namespace Keel.Learn.Ensembles;

/// <summary>
/// A member bagged on k folds, with its out-of-fold outputs (each row's output from the fold predictor that did not
/// see it; <c>rows × width</c>) and its score on them, the honest estimate that ranks members and trains the next layer.
/// </summary>
public sealed record BaggedFit(BaggedMember Member, double[] OutOfFold, IReadOnlyList<double> FoldScores, double Score, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>
    /// Fits one predictor per fold on the other folds' rows of <paramref name="inputs"/>, predicts the fold's rows,
    /// and scores the out-of-fold outputs. <paramref name="afterFold"/> sees the fold number (1-based) and the mean
    /// of the fold scores so far, and may throw to stop early (pruning).
    /// </summary>
    public static BaggedFit Fit(FeaturizedTrainer trainer, string name, FeatureMatrix inputs, IReadOnlyList<bool> scaled, EnsembleData data,
        TrainingContext? context = null, Action<int, double>? afterFold = null)
    {
        context ??= new TrainingContext();
        var width = data.Width;
        var oof = new double[inputs.Rows * width];
        var predictors = new List<Predictor>();
        var scores = new List<double>();
        Link? link = null;
        for (var f = 0; f < data.Folds.Length; f++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var validation = data.Folds[f];
            var inFold = new bool[inputs.Rows];
            foreach (var r in validation) inFold[r] = true;
            var trainRows = Enumerable.Range(0, inputs.Rows).Where(r => !inFold[r]).ToArray();
            var (predictor, foldLink) = trainer.FitFeatures(inputs.Take(trainRows), trainRows.Select(r => data.Labels[r]).ToArray(), data.Target,
                context with { Weights = context.Weights is { } w ? trainRows.Select(r => w[r]).ToArray() : null }, scaled);
            link = foldLink;
            predictors.Add(predictor);
            var held = inputs.Take(validation);
            var raw = new double[validation.Length * width];
            predictor.Score(held, raw, context.Threads);
            BaggedMember.ToOutputs(raw, validation.Length, width, foldLink);
            for (var i = 0; i < validation.Length; i++)
                raw.AsSpan(i * width, width).CopyTo(oof.AsSpan(validation[i] * width, width));
            scores.Add(data.Score(raw, validation));
            afterFold?.Invoke(f + 1, scores.Average());
        }
        return new BaggedFit(new BaggedMember(name, predictors, link!), oof, scores, data.Score(oof), trainer.Parameters);
    }
}

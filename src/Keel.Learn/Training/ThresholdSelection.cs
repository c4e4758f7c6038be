using System.Globalization;
using Keel.Data;
using Keel.Learn.Decisions;
using Keel.Learn.Selection;
using Keel.Learn.Trainers;

namespace Keel.Learn.Training;

/// <summary>
/// Chooses a binary model's decision threshold for a KPI on the training rows only, never the held-out test rows: the
/// trainer is fitted k times, each time scoring the fold it did not see, and the threshold that maximises the KPI on
/// these out-of-fold scores is chosen (<see cref="ThresholdOptimizer"/>).
/// </summary>
internal static class ThresholdSelection
{
    public static ThresholdChoice Choose(ITrainer trainer, Table train, Target target, DecisionValue value, int folds, int seed, int threads,
        IProgress<TrainingStep>? progress, CancellationToken cancellationToken)
    {
        var labels = target.Encode(train);
        var parts = DataSplit.KFold(labels, target.Task, folds, seed);
        var scores = new double[train.RowCount];
        var all = Enumerable.Range(0, train.RowCount).ToArray();
        for (var f = 0; f < parts.Length; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new TrainingStep("threshold", $"Out-of-fold scores for the KPI threshold: fold {f + 1} of {parts.Length}.", Fraction: (double)f / parts.Length));
            var validation = parts[f];
            var model = trainer.Fit(train.Take(all.Except(validation).ToArray()), target,
                new TrainingContext { Seed = seed, Threads = threads, CancellationToken = cancellationToken });
            var p = model.Predict(train.Take(validation)).PositiveProbabilities();
            for (var i = 0; i < validation.Length; i++) scores[validation[i]] = p[i];
        }
        var choice = ThresholdOptimizer.Choose(scores, labels.Select(v => (int)v).ToArray(), value);
        return choice with
        {
            Validation = string.Create(CultureInfo.InvariantCulture,
                $"out-of-fold P(positive) of {trainer.Name} ({parts.Length}-fold cross-validation on the {train.RowCount:N0} training rows; the held-out test rows were not used)"),
        };
    }
}

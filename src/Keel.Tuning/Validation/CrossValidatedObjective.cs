using Keel.Data;
using Keel.Learn;
using Keel.Learn.Evaluation;
using Keel.Learn.Selection;
using Keel.Learn.Trainers;
using Keel.Tuning.Spaces;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Validation;

/// <summary>
/// The objective of a trainer's study: the mean k-fold cross-validation score on the training rows, on the same
/// seeded, stratified folds for every trial (<see cref="DataSplit.KFold"/>, as model selection uses). The folds are
/// the steps: after fold f the trial reports the mean of its first f fold scores at step f and stops if the pruner
/// says so, so a bad configuration is dropped after a fold or two instead of k.
/// </summary>
public sealed class CrossValidatedObjective
{
    private readonly Table _train;
    private readonly Target _target;
    private readonly ITrainerSearchSpace _space;
    private readonly int[][] _folds;
    private readonly int _seed;
    private readonly int _threads;

    public CrossValidatedObjective(Table train, Target target, ITrainerSearchSpace space, string metric, int folds = 5, int seed = 42, int threads = 1)
    {
        if (!MetricNames.For(target.Task).Contains(metric))
            throw new KeelTuningException($"--metric '{metric}' does not apply to {target.Task.ToString().ToLowerInvariant()} tasks; use one of {string.Join(", ", MetricNames.For(target.Task))}.");
        _train = train;
        _target = target;
        _space = space;
        Metric = metric;
        _folds = DataSplit.KFold(target.Encode(train), target.Task, folds, seed);
        _seed = seed;
        _threads = threads;
    }

    public string Metric { get; }

    public int Folds => _folds.Length;

    public double Evaluate(Trial trial)
    {
        var trainer = _space.Suggest(trial);
        var all = Enumerable.Range(0, _train.RowCount).ToArray();
        var scores = new List<double>();
        for (var f = 0; f < _folds.Length; f++)
        {
            trial.CancellationToken.ThrowIfCancellationRequested();
            var validation = _folds[f];
            var model = trainer.Fit(_train.Take(all.Except(validation).ToArray()), _target,
                new TrainingContext { Seed = _seed, Threads = _threads, CancellationToken = trial.CancellationToken });
            var score = Evaluator.Evaluate(model, _train.Take(validation), resamples: 0)[Metric];
            if (!double.IsFinite(score)) throw new KeelLearnException($"Fold {f + 1} gave {Metric} = {score}.");
            scores.Add(score);
            trial.Report(f + 1, scores.Average());
            if (f + 1 < _folds.Length && trial.ShouldPrune()) trial.Prune();
        }
        return scores.Average();
    }
}

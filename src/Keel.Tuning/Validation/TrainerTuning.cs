using Keel.Data;
using Keel.Learn;
using Keel.Learn.Evaluation;
using Keel.Learn.Selection;
using Keel.Learn.Trainers;
using Keel.Learn.Training;
using Keel.Store;
using Keel.Tuning.Importance;
using Keel.Tuning.Pruners;
using Keel.Tuning.Samplers;
using Keel.Tuning.Spaces;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Validation;

/// <summary>
/// Tunes one trainer honestly: the rows are split (seeded, stratified) into a training part and a held-out test part
/// exactly as <see cref="TrainingJob"/> splits them; the study sees only the training part, scoring each trial by
/// k-fold cross-validation (<see cref="CrossValidatedObjective"/>); then the best configuration goes through the
/// ordinary training job — refit on the whole training part and scored once on the test part the search never saw —
/// which yields a normal bundle. With several workers (<see cref="OptimizeOptions.Workers"/>) the trials run that
/// many at a time on threads of this process, sharing <see cref="TrainerTuningOptions.Threads"/> between them.
/// </summary>
public static class TrainerTuning
{
    public static TuningOutcome Run(Table data, TrainerTuningOptions options, IStudyStorage storage, IProgress<TrialProgress>? progress = null,
        TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new KeelTuningException(string.Join(" ", problems));
        var space = TrainerSearchSpaces.For(options.Trainer);
        var target = Target.Detect(data, options.Label, options.Task, options.PositiveClass);
        if (!space.Supports(target.Task))
            throw new KeelTuningException($"--trainer {options.Trainer} does not support {target.Task.ToString().ToLowerInvariant()} tasks; use lightgbm or linear.");
        var metric = options.Metric ?? MetricNames.DefaultFor(target.Task);
        var train = TrainingPart(data, options, target);

        var objective = new CrossValidatedObjective(train, target, space, metric, options.Folds, options.Seed, ThreadsPerWorker(options));
        var direction = MetricNames.HigherIsBetter(metric) ? StudyDirection.Maximize : StudyDirection.Minimize;
        ISampler sampler = options.Sampler == "random" ? new RandomSampler(options.Seed) : new TpeSampler(new TpeSamplerOptions { Seed = options.Seed });
        IPruner? pruner = options.Pruner switch
        {
            "median" => new MedianPruner(),
            "hyperband" => new HyperbandPruner(minResource: 1, maxResource: options.Folds, reductionFactor: 3),
            _ => null,
        };
        var study = Study.Open(options.Study ?? $"tune-{space.Trainer}-{options.Label}", storage, direction, sampler, pruner);
        var defaults = SearchSpaceDefaults.Parameters(space);
        if (options.EnqueueDefaults && study.Trials.Count == 0) study.Enqueue(defaults);
        var result = study.Optimize(objective.Evaluate, options.Optimize, progress, clock, cancellationToken);
        var best = study.BestTrial ?? throw new KeelTuningException(
            $"No trial of study '{study.Name}' completed ({study.Trials.Count} trials: {string.Join(", ", study.Trials.GroupBy(t => t.State).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"))}). Raise --trials or --time-budget, or look at the failed trials' errors.");
        var trainer = space.Suggest(Trial.Replay(study, best));

        cancellationToken.ThrowIfCancellationRequested();
        var final = TrainingJob.Run(data, new TrainingJobOptions
        {
            Label = options.Label,
            Task = target.Task,
            PositiveClass = options.PositiveClass,
            TestFraction = options.TestFraction,
            Seed = options.Seed,
            Selection = new SelectionOptions { Folds = options.Folds, Candidates = [trainer], Metric = metric, Seed = options.Seed, Threads = options.Threads, TimeBudget = TimeSpan.FromDays(1) },
            Name = options.Name,
            Source = options.Source,
        }, clock: clock, cancellationToken: cancellationToken);
        var trials = study.Trials;
        var defaultsTrial = trials.FirstOrDefault(t => t.State == TrialState.Complete && SameParameters(t.Params, defaults));
        return new TuningOutcome(study, best, trainer, metric, result, final)
        {
            DefaultsTrial = defaultsTrial,
            DefaultsHeldOut = options.CompareWithDefaults ? DefaultsHeldOut(study, space, defaults, best, defaultsTrial, final, options, target, cancellationToken) : null,
            Importance = FanovaImportance.Evaluate(trials, new FanovaOptions { Seed = options.Seed }),
        };
    }

    /// <summary>
    /// The trainer's defaults refit on the same training part and scored on the same held-out rows as the tuned model
    /// (with the same bootstrap), so that the report can say what tuning gained where it counts.
    /// </summary>
    private static EvaluationResult DefaultsHeldOut(Study study, ITrainerSearchSpace space, IReadOnlyDictionary<string, ParameterValue> defaults, FrozenTrial best,
        FrozenTrial? defaultsTrial, TrainingOutcome final, TrainerTuningOptions options, Target target, CancellationToken cancellationToken)
    {
        if (defaultsTrial is not null && defaultsTrial.Number == best.Number) return final.Bundle.Evaluation!;
        var frozen = new FrozenTrial(-1, TrialState.Complete, null, defaults, new Dictionary<int, double>());
        var trainer = space.Suggest(Trial.Replay(study, frozen));
        var model = trainer.Fit(final.Train, target, new TrainingContext { Seed = options.Seed, Threads = options.Threads, CancellationToken = cancellationToken });
        return Evaluator.Evaluate(model, final.Test, Evaluator.DefaultResamples, options.Seed);
    }

    private static bool SameParameters(IReadOnlyDictionary<string, ParameterValue> a, IReadOnlyDictionary<string, ParameterValue> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v.Internal == p.Value.Internal && v.Distribution == p.Value.Distribution);

    /// <summary>The trainer threads of each worker: <see cref="TrainerTuningOptions.Threads"/> shared out, at least 1 each.</summary>
    public static int ThreadsPerWorker(TrainerTuningOptions options) => Math.Max(1, options.Threads / options.Optimize.Workers);

    /// <summary>The rows the search may see: labelled rows minus the held-out test part, split as <see cref="TrainingJob"/> splits them.</summary>
    internal static Table TrainingPart(Table data, TrainerTuningOptions options, Target target)
    {
        data = data.WithRole(options.Label, ColumnRole.Label);
        var labels = target.Encode(data);
        var labelled = target.LabelledRows(labels);
        if (labelled.Length < labels.Length)
        {
            data = data.Take(labelled);
            labels = labelled.Select(i => labels[i]).ToArray();
        }
        var (trainRows, _) = DataSplit.TrainTest(labels, target.Task, options.TestFraction, options.Seed);
        return data.Take(trainRows);
    }
}

/// <summary>The study, its best trial and trainer, and the final training job's outcome (bundle, training and test parts).</summary>
public sealed record TuningOutcome(Study Study, FrozenTrial Best, ITrainer Trainer, string Metric, OptimizeResult Optimize, TrainingOutcome Final)
{
    /// <summary>The complete trial that evaluated the trainer's defaults, or null when the study has none.</summary>
    public FrozenTrial? DefaultsTrial { get; init; }

    /// <summary>
    /// The trainer's defaults refit on the training part and evaluated on the held-out rows, as the tuned model was;
    /// null when <see cref="TrainerTuningOptions.CompareWithDefaults"/> is off.
    /// </summary>
    public EvaluationResult? DefaultsHeldOut { get; init; }

    /// <summary>How much each parameter explained the cross-validated score across the study's complete trials (fANOVA).</summary>
    public ParameterImportances Importance { get; init; } = new([], 0, [], "Not computed.");
}

using Keel.Learn.Selection;

namespace Keel.Learn.Training;

/// <summary>Everything a training job needs beyond the data.</summary>
public sealed record TrainingJobOptions
{
    /// <summary>The label column; for an anomaly task, "" when there is none (a label only evaluates a detector).</summary>
    public required string Label { get; init; }

    /// <summary>The task. The default value is null: detected from the label.</summary>
    public TaskKind? Task { get; init; }

    /// <summary>The positive class of a binary task. The default value is null: the second class in order.</summary>
    public string? PositiveClass { get; init; }

    /// <summary>The share of rows held out for the final evaluation. The default value is 0.2.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>The seed of the split, the folds and the trainers. The default value is 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// The detector of an anomaly task (no model selection: there is no label to select by). The default value is an
    /// <see cref="Anomaly.IsolationForestTrainer"/> with its defaults.
    /// </summary>
    public Anomaly.AnomalyTrainer Detector { get; init; } = new Anomaly.IsolationForestTrainer();

    /// <summary>
    /// The trainer to fit, without model selection (a retraining re-runs its recipe's trainer). The default value is
    /// null: <see cref="Selection"/> chooses one by cross-validation.
    /// </summary>
    public Trainers.ITrainer? Trainer { get; init; }

    /// <summary>How the data file was read, for the recipe. The default value is the reader's defaults (all sniffed).</summary>
    public DataReading Reading { get; init; } = new();

    /// <summary>Model selection settings; the seed above overrides theirs.</summary>
    public SelectionOptions Selection { get; init; } = new();

    /// <summary>Bootstrap resamples for the held-out metric intervals. The default value is 1000.</summary>
    public int BootstrapResamples { get; init; } = Evaluation.Evaluator.DefaultResamples;

    /// <summary>The model's name in its manifest. The default value is "model".</summary>
    public string Name { get; init; } = "model";

    /// <summary>Where the data came from (a file name), for the manifest.</summary>
    public string Source { get; init; } = "";

    /// <summary>
    /// A binary classifier's business KPI: when set, the decision threshold is the one that maximises it on out-of-fold
    /// scores of the training rows (<see cref="Selection"/>'s folds), and the evaluation reports it. The default value is
    /// null: the threshold is 0.5.
    /// </summary>
    public Decisions.DecisionValue? Value { get; init; }

    /// <summary>The model this one retrains, as "name@version", for lineage.</summary>
    public string? Parent { get; init; }
}

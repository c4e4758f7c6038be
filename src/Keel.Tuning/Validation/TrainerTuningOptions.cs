using Keel.Tuning.Studies;

namespace Keel.Tuning.Validation;

/// <summary>What <see cref="TrainerTuning"/> tunes, how it validates, and how long it searches.</summary>
public sealed record TrainerTuningOptions
{
    public required string Label { get; init; }

    /// <summary>The task. The default value is null: detected from the label.</summary>
    public Keel.Learn.TaskKind? Task { get; init; }

    /// <summary>The positive class of a binary task. The default value is null: the second class in order.</summary>
    public string? PositiveClass { get; init; }

    /// <summary>The trainer whose default search space is searched. The default value is "lightgbm".</summary>
    public string Trainer { get; init; } = "lightgbm";

    /// <summary>The study's name. The default value is null: "tune-{trainer}-{label}".</summary>
    public string? Study { get; init; }

    /// <summary>"tpe" or "random". The default value is "tpe".</summary>
    public string Sampler { get; init; } = "tpe";

    /// <summary>"median", "hyperband" or "none". The default value is "median".</summary>
    public string Pruner { get; init; } = "median";

    /// <summary>The metric to optimize. The default value is null: ROC AUC, log loss or RMSE by task.</summary>
    public string? Metric { get; init; }

    /// <summary>Cross-validation folds of every trial. The default value is 5; the range is 2 to 20.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>The share of rows held out, never seen by the search, for the final evaluation. The default value is 0.2.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>The seed of the split, the folds, the sampler and the trainers. The default value is 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// Threads a native trainer may use; several workers share them (each gets Threads / Workers, at least 1), the
    /// final refit takes them all. The default value is the number of processors.
    /// </summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Trials, time budget and worker name. The default value is 20 trials.</summary>
    public OptimizeOptions Optimize { get; init; } = new() { Trials = 20 };

    /// <summary>
    /// Whether the first trial of a new study evaluates the trainer's defaults, so that the study shows how far tuning
    /// moved from them and its best is never worse in cross-validation. The default value is true.
    /// </summary>
    public bool EnqueueDefaults { get; init; } = true;

    /// <summary>
    /// Whether the trainer's defaults are also refit and scored on the held-out rows, to compare with the tuned model
    /// where it counts (one more fit). The default value is true.
    /// </summary>
    public bool CompareWithDefaults { get; init; } = true;

    /// <summary>The model's name in its manifest. The default value is "model".</summary>
    public string Name { get; init; } = "model";

    /// <summary>The data's file name, for the manifest. The default value is "".</summary>
    public string Source { get; init; } = "";

    public IEnumerable<string> Validate()
    {
        if (Sampler is not ("tpe" or "random")) yield return $"--sampler must be tpe or random; it is '{Sampler}'.";
        if (Pruner is not ("median" or "hyperband" or "none")) yield return $"--pruner must be median, hyperband or none; it is '{Pruner}'.";
        if (Folds is < 2 or > 20) yield return $"--folds must be between 2 and 20; it is {Folds}.";
        if (TestFraction is <= 0 or >= 1) yield return $"--test-fraction must be between 0 and 1 (exclusive); it is {TestFraction}.";
        if (Threads is < 1 or > 1024) yield return $"--threads must be between 1 and 1024; it is {Threads}.";
        foreach (var problem in Optimize.Validate()) yield return problem;
    }
}

using System.Globalization;
using Keel.Tuning.Spaces;

namespace Keel.Tuning.AutoMl;

/// <summary>What <see cref="AutoMlJob"/> searches, how it validates and ensembles, and how long it takes.</summary>
public sealed record AutoMlOptions
{
    public required string Label { get; init; }

    /// <summary>The task. The default value is null: detected from the label.</summary>
    public Keel.Learn.TaskKind? Task { get; init; }

    /// <summary>The positive class of a binary task. The default value is null: the second class in order.</summary>
    public string? PositiveClass { get; init; }

    /// <summary>The trainers searched, by command-line name. The default value is every built-in trainer that supports the task.</summary>
    public IReadOnlyList<string>? Trainers { get; init; }

    /// <summary>
    /// Wall-clock budget of the search and the ensembling: no trial starts after 60 % of it, a running trial is
    /// stopped at 75 %, stacking is skipped when less than 15 % is left. The default value is 10 minutes.
    /// </summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Trials of each trainer after which the search stops even with budget left (the defaults count as one). The
    /// default value is null: the time budget alone ends the search.
    /// </summary>
    public int? TrialsPerTrainer { get; init; }

    /// <summary>The metric to optimize. The default value is null: ROC AUC, log loss or RMSE by task.</summary>
    public string? Metric { get; init; }

    /// <summary>Folds of every trial's bagging, the same for every trial (2 to 20). The default value is 5.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>The share of rows held out for the final evaluation when no test table is given. The default value is 0.2.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>"auto" (the best of the single best model, ensemble selection and stacking, by out-of-fold score), "none", "voting", "selection" or "stacking". The default value is "auto".</summary>
    public string Ensemble { get; init; } = "auto";

    /// <summary>Configurations of each trainer kept as ensemble members: its best ones by out-of-fold score. The default value is 3.</summary>
    public int MembersPerTrainer { get; init; } = 3;

    /// <summary>The seed of the split, the folds, the samplers and the trainers. The default value is 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Threads a native trainer may use. The default value is the number of processors.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The model's name in its manifest. The default value is "model".</summary>
    public string Name { get; init; } = "model";

    /// <summary>The data's file name, for the manifest. The default value is "".</summary>
    public string Source { get; init; } = "";

    public static IReadOnlyList<string> EnsembleChoices { get; } = ["auto", "none", "voting", "selection", "stacking"];

    public IEnumerable<string> Validate()
    {
        if (TimeBudget < TimeSpan.FromSeconds(5)) yield return string.Create(CultureInfo.InvariantCulture, $"--time-budget must be at least 5 seconds; it is {TimeBudget.TotalSeconds:0.#} s.");
        if (Folds is < 2 or > 20) yield return $"--folds must be between 2 and 20; it is {Folds}.";
        if (TestFraction is <= 0 or >= 1) yield return string.Create(CultureInfo.InvariantCulture, $"--test-fraction must be between 0 and 1 (exclusive); it is {TestFraction}.");
        if (Threads is < 1 or > 1024) yield return $"--threads must be between 1 and 1024; it is {Threads}.";
        if (MembersPerTrainer is < 1 or > 20) yield return $"Members per trainer must be between 1 and 20; it is {MembersPerTrainer}.";
        if (!EnsembleChoices.Contains(Ensemble)) yield return $"--ensemble must be one of {string.Join(", ", EnsembleChoices)}; it is '{Ensemble}'.";
        if (TrialsPerTrainer is < 1) yield return $"--trials-per-trainer must be at least 1; it is {TrialsPerTrainer}.";
        if (Trainers is { Count: 0 }) yield return "--trainers names no trainer.";
        foreach (var t in Trainers ?? [])
            if (!TrainerSearchSpaces.All.Any(s => string.Equals(s.Trainer, t, StringComparison.OrdinalIgnoreCase)))
                yield return $"--trainers: '{t}' is not one of {string.Join(", ", TrainerSearchSpaces.All.Select(s => s.Trainer))}.";
    }
}

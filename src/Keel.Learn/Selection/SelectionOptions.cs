using Keel.Learn.Trainers;

namespace Keel.Learn.Selection;

/// <summary>How model selection compares candidate trainers.</summary>
public sealed record SelectionOptions
{
    /// <summary>Cross-validation folds. The default value is 5; the range is 2 to 20.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>
    /// Wall-clock budget for the whole selection. A candidate not started when it runs out is skipped; one running
    /// stops after its current fold. The default value is 10 minutes.
    /// </summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The metric to rank by. The default value is null: ROC AUC, log loss or RMSE by task.</summary>
    public string? Metric { get; init; }

    /// <summary>The trainers to compare. The default value is null: every built-in trainer that supports the task.</summary>
    public IReadOnlyList<ITrainer>? Candidates { get; init; }

    /// <summary>The seed of folds and trainers. The default value is 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Threads a native trainer may use. The default value is the number of processors.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    public IEnumerable<string> Validate()
    {
        if (Folds is < 2 or > 20) yield return $"--folds must be between 2 and 20; it is {Folds}.";
        if (TimeBudget <= TimeSpan.Zero) yield return $"--time-budget must be positive; it is {TimeBudget}.";
        if (Threads is < 1 or > 1024) yield return $"--threads must be between 1 and 1024; it is {Threads}.";
    }

    /// <summary>The built-in trainers, strongest first.</summary>
    public static IReadOnlyList<ITrainer> BuiltInTrainers() =>
        [new LightGbmTrainer(), new FastTreeTrainer(), new FastForestTrainer(), new LinearTrainer()];
}

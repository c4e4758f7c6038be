namespace Keel.Tuning.Studies;

/// <summary>How long <see cref="Study.Optimize"/> runs, and as whom.</summary>
public sealed record OptimizeOptions
{
    /// <summary>
    /// The number of trials the study grows to (trials of every state count, also those of earlier runs and other
    /// workers; trials already queued still run). The default value is null: no limit, stop on the time budget.
    /// </summary>
    public int? Trials { get; init; }

    /// <summary>Wall-clock budget of this call; no trial starts after it ran out. The default value is null: no limit.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>
    /// The worker's name, stored with the trials it runs; with several <see cref="Workers"/>, each is named
    /// "{Worker}#1", "{Worker}#2", ... The default value is "local".
    /// </summary>
    public string Worker { get; init; } = "local";

    /// <summary>
    /// How many trials this call runs at once, each worker on its own thread claiming trials from the storage (Optuna's
    /// <c>n_jobs</c>). <see cref="Trials"/> and <see cref="TimeBudget"/> bound them all together. The default value
    /// is 1; the range is 1 to 64.
    /// </summary>
    public int Workers { get; init; } = 1;

    /// <summary>
    /// Running trials with no sign of life for this long are failed and their parameters queued again when the
    /// optimization starts. The default value is 10 minutes.
    /// </summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a running trial tells the storage it is alive. The default value is 30 seconds.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    public IEnumerable<string> Validate()
    {
        if (Trials is < 1) yield return $"--trials must be at least 1; it is {Trials}.";
        if (TimeBudget is { } t && t <= TimeSpan.Zero) yield return $"--time-budget must be positive; it is {t}.";
        if (Trials is null && TimeBudget is null) yield return "Give a number of trials (--trials), a time budget (--time-budget), or both.";
        if (string.IsNullOrWhiteSpace(Worker)) yield return "The worker needs a name.";
        if (Workers is < 1 or > 64) yield return $"--workers must be between 1 and 64; it is {Workers}.";
        if (StaleAfter <= TimeSpan.Zero) yield return $"StaleAfter must be positive; it is {StaleAfter}.";
        if (HeartbeatInterval <= TimeSpan.Zero || HeartbeatInterval >= StaleAfter) yield return $"HeartbeatInterval must be positive and below StaleAfter; it is {HeartbeatInterval}.";
    }
}

namespace Keel.Store;

/// <summary>The state of a trial of a study: queued, being evaluated by a worker, or finished one way or another.</summary>
public enum TrialState
{
    Waiting,
    Running,
    Complete,
    Pruned,
    Failed,
}

/// <summary>
/// A hyper-parameter study: a named search whose trials several workers may share. <paramref name="Direction"/> is
/// "maximize" or "minimize"; <paramref name="Settings"/> is the sampler and pruner, as JSON.
/// </summary>
public sealed record StudyRecord(long Id, string Name, string Direction, string Settings, DateTimeOffset CreatedAt);

/// <summary>
/// One trial of a study, numbered 0, 1, ... within it. <see cref="Params"/> holds the suggested values with their
/// distributions and <see cref="UserAttributes"/> what the objective noted, both as JSON; <see cref="Intermediate"/>
/// holds the values reported by step.
/// </summary>
public sealed record TrialRecord(long Id, long StudyId, int Number, TrialState State, string Params, double? Value, string UserAttributes,
    string? Worker, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset? HeartbeatAt)
{
    public IReadOnlyDictionary<int, double> Intermediate { get; init; } = new Dictionary<int, double>();
}

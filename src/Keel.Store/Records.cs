namespace Keel.Store;

/// <summary>Who does something to the store, and what they may do.</summary>
public sealed record Actor(string Name, Role Role)
{
    /// <summary>The local user of a local SQLite store: its admin.</summary>
    public static Actor LocalUser { get; } = new(Environment.UserName is { Length: > 0 } n ? n : "local", Role.Admin);
}

/// <summary>Roles, each allowed what the ones before it are: viewer &lt; predictor &lt; trainer &lt; deployer &lt; admin.</summary>
public enum Role
{
    Viewer,
    Predictor,
    Trainer,
    Deployer,
    Admin,
}

/// <summary>A named group of runs (MLflow's experiment).</summary>
public sealed record Experiment(long Id, string Name, DateTimeOffset CreatedAt);

/// <summary>The state of a run.</summary>
public enum RunStatus
{
    Running,
    Finished,
    Failed,
    Killed,
}

/// <summary>One training or evaluation run: its parameters, metrics and tags live beside it.</summary>
public sealed record Run(string Id, string Experiment, string? Name, string? ParentRunId, RunStatus Status, DateTimeOffset StartTime, DateTimeOffset? EndTime, string CreatedBy);

/// <summary>A metric value at a step and a time (milliseconds since 1970), as MLflow records them.</summary>
public sealed record MetricPoint(string Key, double Value, long Step = 0, long TimestampMs = 0);

/// <summary>A registered model: a name whose versions are trained models.</summary>
public sealed record RegisteredModel(string Name, string? Description, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, int> Aliases)
{
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// One version of a registered model: the run that made it, the SHA-256 of its bundle, its signature and metrics (JSON),
/// the fingerprint of its training data, and the version it was retrained from.
/// </summary>
public sealed record ModelVersion(
    string Model, int Version, string? RunId, string BundleSha256, string Signature, string Metrics,
    string DataFingerprint, string? Parent, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>Where a version came from: the version, its run, its data, and its parent chain, newest first.</summary>
public sealed record Lineage(ModelVersion Version, Run? Run, IReadOnlyList<ModelVersion> Ancestors);

/// <summary>One entry of the append-only audit log, chained to the one before by its SHA-256.</summary>
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string Actor, string Action, string Target, string Details, string PreviousHash, string Hash);

/// <summary>The result of recomputing the audit chain: whether it holds and, if not, the first entry that breaks it.</summary>
public sealed record AuditVerification(bool Intact, long Entries, long? FirstBrokenSequence, string? Problem);

/// <summary>An API key as the store lists it: never the secret, which exists only in the answer to its creation.</summary>
public sealed record ApiKey(string Id, string Actor, Role Role, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A new API key: <see cref="Secret"/> is shown once and stored only as a salted hash.</summary>
public sealed record NewApiKey(ApiKey Key, string Secret);

/// <summary>
/// One served request in the prediction log: the model version that answered, the request id, when, how long it took,
/// how many rows, and the inputs and outputs as JSON (column name to values). <see cref="Sequence"/> is assigned by
/// the store (0 before it is written) and orders the log. <see cref="Variant"/> says which part of a rollout the entry
/// is (see <see cref="PredictionVariants"/>): the champion that answered, a shadow that scored the same request without
/// answering it (same request id), or a canary that answered it; entries logged before rollouts existed are champion.
/// </summary>
public sealed record PredictionRecord(
    string Model, int Version, string RequestId, DateTimeOffset At, double LatencyMs, int Rows, string Inputs, string Outputs, long Sequence = 0,
    string Variant = PredictionVariants.Champion)
{
    /// <summary>Whether the entry is a prediction a client received from the model's served version (not a shadow's or a canary's).</summary>
    public bool IsChampion => Variant == PredictionVariants.Champion;
}

/// <summary>The variants of a prediction log entry under a safe rollout.</summary>
public static class PredictionVariants
{
    /// <summary>Answered by the version the model's reference names (every entry when no rollout runs).</summary>
    public const string Champion = "champion";

    /// <summary>Scored by the challenger on the same request as the champion, never returned to the client.</summary>
    public const string Shadow = "shadow";

    /// <summary>Answered by the challenger, for the share of traffic a canary rollout routes to it.</summary>
    public const string Canary = "canary";
}

/// <summary>
/// Ground truth for a served request, sent later by its request id: the label (JSON: one value or one per row), and who
/// sent it (a server names its authenticated caller; empty means the store's own actor).
/// </summary>
public sealed record Feedback(string Model, string RequestId, string Label, DateTimeOffset At, string Actor = "", long Sequence = 0);

/// <summary>
/// One run of the server's monitoring job over a stretch of a model's prediction log: the version it monitored, the
/// log sequences it covered (<see cref="FromSequence"/> to <see cref="ToSequence"/>, both included), how many rows,
/// windows, data-quality issues and alerts it found, and its whole result as JSON (so what later monitoring adds to
/// the result is kept without a new column). <see cref="Id"/> is assigned by the store (0 before it is saved).
/// </summary>
public sealed record MonitoringRun(
    string Model, int Version, long FromSequence, long ToSequence, int Rows, int Windows, int Issues, int Alerts,
    string Result, DateTimeOffset At, long Id = 0);

/// <summary>
/// Something monitoring found that a person should look at: its kind (<c>unseen_categories</c>,
/// <c>realized_performance</c>, ...), the column or metric it is about, a sentence that says what was found, and
/// the run that raised it. <see cref="Id"/> is assigned by the store. Webhook delivery is recorded on it:
/// <see cref="Attempts"/>, <see cref="DeliveredAt"/> once a receiver took it, <see cref="LastError"/> of the last
/// failed attempt.
/// </summary>
public sealed record Alert(
    string Model, int Version, string Kind, string? Column, string Message, DateTimeOffset At, long? RunId = null,
    long Id = 0, DateTimeOffset? DeliveredAt = null, int Attempts = 0, string? LastError = null);

/// <summary>A monitoring run as saved, and its alerts, each with the id the store gave it.</summary>
public sealed record SavedMonitoringRun(MonitoringRun Run, IReadOnlyList<Alert> Alerts);

/// <summary>
/// The promotion policy registered for a model: its text (YAML, which <c>Keel.Lifecycle</c> evaluates), the SHA-256 of
/// that text, the aliases it guards (<c>champion</c> unless said otherwise), and who set it when.
/// </summary>
public sealed record PromotionPolicyRecord(string Model, string Text, string Sha256, IReadOnlyList<string> GuardedAliases, string SetBy, DateTimeOffset SetAt);

/// <summary>One check of a promotion gate: what it looked at, whether it passed, and a sentence with the numbers.</summary>
public sealed record GateCheck(string Name, bool Passed, string Detail);

/// <summary>
/// What a promotion gate decided for a version, handed to <see cref="IKeelStore.SetAlias"/> when an alias guarded by a
/// policy moves. <see cref="PolicySha256"/> names the policy text the gate evaluated; the store refuses a decision made
/// under another text. A failed gate moves the alias only with an <see cref="OverrideJustification"/>, by an admin.
/// </summary>
public sealed record GateDecision(string PolicySha256, IReadOnlyList<GateCheck> Checks, string? OverrideJustification = null)
{
    /// <summary>True when every check passed.</summary>
    public bool Passed => Checks.All(c => c.Passed);
}

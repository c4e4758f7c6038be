namespace Keel.Store;

/// <summary>
/// The one narrow interface every store backend implements (SQLite, PostgreSQL): tracking in MLflow's words
/// (experiments, runs, params, metrics with steps, tags, artifacts), a model registry (models, versions, aliases,
/// lineage), an append-only, hash-chained audit log, and what serving writes: the prediction log, feedback,
/// monitoring runs and their alerts; and hyper-parameter studies with their trial queue. Open one with <see cref="KeelStore.Open"/>.
/// </summary>
public interface IKeelStore : IDisposable
{
    /// <summary>A description of where the store is, safe to print (no password).</summary>
    string Location { get; }

    Actor Actor { get; }

    Experiment GetOrCreateExperiment(string name);

    IReadOnlyList<Experiment> ListExperiments();

    Run StartRun(string experiment, string? name = null, string? parentRunId = null);

    /// <summary>The primitive of tracking: params, metrics and tags of one run in one transaction.</summary>
    void LogBatch(string runId, IReadOnlyDictionary<string, string>? parameters = null, IReadOnlyList<MetricPoint>? metrics = null, IReadOnlyDictionary<string, string>? tags = null);

    void EndRun(string runId, RunStatus status = RunStatus.Finished);

    Run GetRun(string runId);

    IReadOnlyList<Run> ListRuns(string experiment);

    IReadOnlyDictionary<string, string> GetParams(string runId);

    IReadOnlyDictionary<string, string> GetTags(string runId);

    /// <summary>The latest value (highest step, then time) of every metric of a run, as MLflow shows a run's metrics.</summary>
    IReadOnlyDictionary<string, double> GetLatestMetrics(string runId);

    /// <summary>Every point of a metric of a run, by step then time.</summary>
    IReadOnlyList<MetricPoint> GetMetricHistory(string runId, string key);

    /// <summary>Stores an artifact by content (SHA-256) and links it to a run under a name; returns the hash.</summary>
    string PutArtifact(string runId, string name, byte[] content);

    /// <summary>Reads an artifact back; a content that no longer matches its recorded hash is refused.</summary>
    byte[] GetArtifact(string runId, string name);

    RegisteredModel CreateModel(string name, string? description = null);

    /// <summary>The model, created first (and audited) if it does not exist yet; safe when several writers race.</summary>
    RegisteredModel GetOrCreateModel(string name);

    RegisteredModel GetModel(string name);

    IReadOnlyList<RegisteredModel> ListModels();

    /// <summary>Sets (or, with null, removes) a tag of a model; audited.</summary>
    void SetModelTag(string model, string key, string? value);

    /// <summary>Replaces a model's description; audited.</summary>
    void SetModelDescription(string model, string? description);

    /// <summary>Registers the next version of a model (1, 2, ...).</summary>
    ModelVersion CreateVersion(string model, string bundleSha256, string signature, string metrics, string dataFingerprint, string? runId = null, string? parent = null);

    ModelVersion GetVersion(string model, int version);

    IReadOnlyList<ModelVersion> ListVersions(string model);

    /// <summary>
    /// Points an alias (champion, challenger, any name) at a version, atomically, replacing where it pointed. When the
    /// model has a promotion policy that guards the alias, the move needs the gate's <paramref name="gate"/> decision
    /// under that policy: a passed gate moves it; a failed one is refused (<see cref="KeelStoreException.GateRefused"/>)
    /// with every failed check in the message and the audit log, unless an admin overrides it with a justification,
    /// which is audited as an override.
    /// </summary>
    void SetAlias(string model, string alias, int version, GateDecision? gate = null);

    void DeleteAlias(string model, string alias);

    /// <summary>The version an alias or a number ("champion", "3") names.</summary>
    ModelVersion Resolve(string model, string aliasOrVersion);

    Lineage GetLineage(string model, int version);

    /// <summary>Sets (or, with null, removes) a tag of a model version, e.g. a model card's field; audited.</summary>
    void SetVersionTag(string model, int version, string key, string? value);

    IReadOnlyDictionary<string, string> GetVersionTags(string model, int version);

    /// <summary>
    /// Registers (admin only) the promotion policy of a model and the aliases it guards, replacing any earlier one;
    /// audited with the policy's SHA-256.
    /// </summary>
    PromotionPolicyRecord SetPromotionPolicy(string model, string policy, IReadOnlyList<string> guardedAliases);

    /// <summary>Removes a model's promotion policy (admin only); audited.</summary>
    void DeletePromotionPolicy(string model);

    /// <summary>The model's promotion policy, or null when it has none.</summary>
    PromotionPolicyRecord? GetPromotionPolicy(string model);

    /// <summary>
    /// Creates an API key for an actor with a role (admin only, except the very first key of a store, which the
    /// caller may create to bootstrap it).
    /// </summary>
    NewApiKey CreateApiKey(string actor, Role role);

    IReadOnlyList<ApiKey> ListApiKeys();

    void RevokeApiKey(string id);

    /// <summary>The actor an API key stands for, for a long-lived process (a server) that checks each caller's key.</summary>
    Actor Authenticate(string apiKey);

    /// <summary>The bundle of a registered version, read from the store and checked against its recorded SHA-256.</summary>
    byte[] GetBundle(ModelVersion version);

    /// <summary>
    /// Appends served requests to the prediction log in one transaction (predictor role). Not audited: the log is
    /// data, not an action on the registry.
    /// </summary>
    void LogPredictions(IReadOnlyList<PredictionRecord> records);

    /// <summary>Prediction log entries of a model after a sequence number, oldest first.</summary>
    IReadOnlyList<PredictionRecord> ReadPredictions(string model, long afterSequence = 0, int limit = 1000);

    long CountPredictions(string model);

    /// <summary>Records ground truth by request id (predictor role); returns how many ids match a logged prediction.</summary>
    int LogFeedback(IReadOnlyList<Feedback> feedback);

    IReadOnlyList<Feedback> ReadFeedback(string model, long afterSequence = 0, int limit = 1000);

    /// <summary>The feedback sent for these request ids of a model, oldest first (a request may have several).</summary>
    IReadOnlyList<Feedback> ReadFeedbackFor(string model, IReadOnlyCollection<string> requestIds);

    /// <summary>
    /// Saves a monitoring run and the alerts it raised in one transaction (predictor role), returning both with the
    /// ids the store gave them. Not audited, like the prediction log it is computed from. Refused (with
    /// <see cref="KeelStoreException.Conflict"/>) when the run starts at or before the end of the model's last saved
    /// run, so two servers over one store never monitor the same log entries twice.
    /// </summary>
    SavedMonitoringRun SaveMonitoringRun(MonitoringRun run, IReadOnlyList<Alert> alerts);

    /// <summary>Monitoring runs of a model, newest first.</summary>
    IReadOnlyList<MonitoringRun> ReadMonitoringRuns(string model, int limit = 20);

    /// <summary>Records alerts that no monitoring run raised (predictor role); returns them with their ids. Not audited.</summary>
    IReadOnlyList<Alert> RaiseAlerts(IReadOnlyList<Alert> alerts);

    /// <summary>
    /// Appends a decision the automation took on its own (a canary rolled back, a retraining cycle that did nothing) to
    /// the audit log with its reasons (predictor role), chained like every other entry. <paramref name="action"/> is a
    /// dotted lower-case name (<c>rollout.rollback</c>), <paramref name="target"/> what it concerns (<c>churn@7</c>).
    /// </summary>
    void RecordEvent(string action, string target, IReadOnlyDictionary<string, string> details);

    /// <summary>Alerts of a model, newest first; with <paramref name="undeliveredOnly"/>, only those no receiver has taken yet.</summary>
    IReadOnlyList<Alert> ReadAlerts(string model, int limit = 100, bool undeliveredOnly = false);

    /// <summary>
    /// Records one attempt to deliver an alert (predictor role): delivered at <paramref name="at"/> when
    /// <paramref name="error"/> is null, otherwise the error of a failed attempt. Either way the attempt is counted.
    /// </summary>
    void RecordAlertDelivery(long alertId, DateTimeOffset at, string? error);

    /// <summary>
    /// The study of this name, created (trainer role) with a direction ("maximize" or "minimize") and its settings
    /// JSON when it does not exist yet; an existing study of another direction is refused. Studies are data, not
    /// audited.
    /// </summary>
    StudyRecord GetOrCreateStudy(string name, string direction, string settings);

    /// <summary>The study of this name; an unknown name is refused with the names that exist.</summary>
    StudyRecord GetStudy(string name);

    /// <summary>Queues a trial with fixed parameters (JSON) as the study's next numbered, waiting trial (trainer role).</summary>
    TrialRecord EnqueueTrial(long studyId, string parameters);

    /// <summary>
    /// Atomically gives a worker a trial to run (trainer role): the oldest waiting trial, or else a new trial with the
    /// next number, unless the study already holds <paramref name="maxTrials"/> trials, when it returns null. Two
    /// workers never get the same trial (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>; SQLite: one writer at a time).
    /// </summary>
    TrialRecord? ClaimTrial(long studyId, string worker, int? maxTrials = null);

    /// <summary>Records (or replaces) a running trial's value at a step, and refreshes its heartbeat (trainer role).</summary>
    void ReportIntermediate(long trialId, int step, double value);

    /// <summary>Marks a running trial as alive (trainer role).</summary>
    void Heartbeat(long trialId);

    /// <summary>
    /// Finishes a running trial as complete, pruned or failed, with its value, parameters and attributes (trainer
    /// role). A trial that is no longer running (another worker released it) is refused as a conflict.
    /// </summary>
    TrialRecord FinishTrial(long trialId, TrialState state, double? value, string parameters, string userAttributes);

    /// <summary>
    /// Fails the running trials of a study whose heartbeat is older than <paramref name="olderThan"/>, and queues
    /// their parameters again as new waiting trials (trainer role); returns how many were released.
    /// </summary>
    int ReleaseStaleTrials(long studyId, TimeSpan olderThan);

    /// <summary>Every trial of a study with its intermediate values, by number.</summary>
    IReadOnlyList<TrialRecord> ListTrials(long studyId);

    IReadOnlyList<AuditEntry> ReadAudit(long fromSequence = 1, int limit = int.MaxValue);

    /// <summary>Recomputes the audit chain and names the first entry that was edited, inserted or deleted.</summary>
    AuditVerification VerifyAudit();
}

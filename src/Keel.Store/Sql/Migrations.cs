namespace Keel.Store.Sql;

/// <summary>
/// The store schema, one migration per version, in portable SQL with <c>{identity}</c>, <c>{bigint}</c>,
/// <c>{double}</c> and <c>{blob}</c> for the types the dialects name differently. Never edit a shipped migration: add one.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<string[]> All { get; } =
    [
        // 1: tracking, registry, audit log.
        [
            "CREATE TABLE experiments (id {identity}, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)",
            "CREATE TABLE runs (pk {identity}, id TEXT NOT NULL UNIQUE, experiment_id {bigint} NOT NULL REFERENCES experiments(id), name TEXT, parent_run_id TEXT, status TEXT NOT NULL, start_time TEXT NOT NULL, end_time TEXT, created_by TEXT NOT NULL)",
            "CREATE INDEX runs_by_experiment ON runs (experiment_id)",
            "CREATE TABLE params (run_id TEXT NOT NULL REFERENCES runs(id), key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key))",
            // Metrics point at the run's integer key: a small index keeps batched logging fast.
            "CREATE TABLE metrics (run_pk {bigint} NOT NULL REFERENCES runs(pk), key TEXT NOT NULL, value {double} NOT NULL, step {bigint} NOT NULL, timestamp_ms {bigint} NOT NULL)",
            "CREATE INDEX metrics_by_run_key ON metrics (run_pk, key)",
            "CREATE TABLE tags (run_id TEXT NOT NULL REFERENCES runs(id), key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key))",
            "CREATE TABLE artifacts (run_id TEXT NOT NULL REFERENCES runs(id), name TEXT NOT NULL, sha256 TEXT NOT NULL, size {bigint} NOT NULL, PRIMARY KEY (run_id, name))",
            "CREATE TABLE artifact_contents (sha256 TEXT PRIMARY KEY, content {blob} NOT NULL)",
            "CREATE TABLE models (name TEXT PRIMARY KEY, description TEXT, created_at TEXT NOT NULL)",
            "CREATE TABLE model_versions (model_name TEXT NOT NULL REFERENCES models(name), version {bigint} NOT NULL, run_id TEXT, bundle_sha256 TEXT NOT NULL, signature TEXT NOT NULL, metrics TEXT NOT NULL, data_fingerprint TEXT NOT NULL, parent TEXT, created_by TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (model_name, version))",
            "CREATE TABLE model_tags (model_name TEXT NOT NULL REFERENCES models(name), key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (model_name, key))",
            "CREATE TABLE aliases (model_name TEXT NOT NULL REFERENCES models(name), alias TEXT NOT NULL, version {bigint} NOT NULL, PRIMARY KEY (model_name, alias))",
            "CREATE TABLE audit_log (seq {bigint} PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, details TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
            // The newest entry, written with every append, so that deleting the last entries shows.
            "CREATE TABLE audit_head (id {bigint} PRIMARY KEY, seq {bigint} NOT NULL, hash TEXT NOT NULL)",
        ],
        // 2: API keys, stored as salted hashes.
        [
            "CREATE TABLE api_keys (id TEXT PRIMARY KEY, actor TEXT NOT NULL, role TEXT NOT NULL, salt TEXT NOT NULL, hash TEXT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT)",
        ],
        // 3: the prediction log of served models, and ground truth that arrives later by request id.
        [
            "CREATE TABLE predictions (seq {identity}, model TEXT NOT NULL, version {bigint} NOT NULL, request_id TEXT NOT NULL, at TEXT NOT NULL, latency_ms {double} NOT NULL, row_count {bigint} NOT NULL, inputs TEXT NOT NULL, outputs TEXT NOT NULL)",
            "CREATE INDEX predictions_by_model ON predictions (model, seq)",
            "CREATE INDEX predictions_by_request ON predictions (model, request_id)",
            "CREATE TABLE feedback (seq {identity}, model TEXT NOT NULL, request_id TEXT NOT NULL, label TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL)",
            "CREATE INDEX feedback_by_request ON feedback (model, request_id)",
        ],
        // 4: monitoring runs of the server over the prediction log (summary columns and the whole result as JSON),
        // and the alerts they raise, with their webhook delivery.
        [
            "CREATE TABLE monitoring_runs (id {identity}, model TEXT NOT NULL, version {bigint} NOT NULL, from_sequence {bigint} NOT NULL, to_sequence {bigint} NOT NULL, row_count {bigint} NOT NULL, window_count {bigint} NOT NULL, issue_count {bigint} NOT NULL, alert_count {bigint} NOT NULL, result TEXT NOT NULL, created_at TEXT NOT NULL)",
            "CREATE INDEX monitoring_runs_by_model ON monitoring_runs (model, id)",
            "CREATE TABLE alerts (id {identity}, model TEXT NOT NULL, version {bigint} NOT NULL, run_id {bigint} REFERENCES monitoring_runs(id), kind TEXT NOT NULL, column_name TEXT, message TEXT NOT NULL, created_at TEXT NOT NULL, delivered_at TEXT, attempts {bigint} NOT NULL, last_error TEXT)",
            "CREATE INDEX alerts_by_model ON alerts (model, id)",
        ],
        // 5: tags of model versions (a model card's fields, evidence), and the promotion policy that guards a model's
        // aliases.
        [
            "CREATE TABLE version_tags (model_name TEXT NOT NULL, version {bigint} NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (model_name, version, key))",
            "CREATE TABLE promotion_policies (model_name TEXT PRIMARY KEY REFERENCES models(name), policy TEXT NOT NULL, sha256 TEXT NOT NULL, guarded_aliases TEXT NOT NULL, set_by TEXT NOT NULL, set_at TEXT NOT NULL)",
        ],
        // 6: hyper-parameter studies, their trials (a queue of waiting trials that workers claim) and the trials'
        // intermediate values, which pruners compare.
        [
            "CREATE TABLE studies (id {identity}, name TEXT NOT NULL UNIQUE, direction TEXT NOT NULL, settings TEXT NOT NULL, created_at TEXT NOT NULL)",
            "CREATE TABLE trials (id {identity}, study_id {bigint} NOT NULL REFERENCES studies(id), number {bigint} NOT NULL, state TEXT NOT NULL, params TEXT NOT NULL, value {double}, user_attrs TEXT NOT NULL, worker TEXT, started_at TEXT, finished_at TEXT, heartbeat_at TEXT, UNIQUE (study_id, number))",
            "CREATE INDEX trials_by_state ON trials (study_id, state, number)",
            "CREATE TABLE trial_values (trial_id {bigint} NOT NULL REFERENCES trials(id), step {bigint} NOT NULL, value {double} NOT NULL, PRIMARY KEY (trial_id, step))",
        ],
        // 7: the variant of a prediction log entry under a safe rollout (champion, shadow, canary); rows logged before
        // it read as champion, the version that answered them.
        [
            "ALTER TABLE predictions ADD COLUMN variant TEXT NOT NULL DEFAULT 'champion'",
        ],
    ];

    public static int Latest => All.Count;
}

using System.Data.Common;

namespace Keel.Store.Sql;

/// <summary>
/// Hyper-parameter studies: a queue of trials that workers claim, finish and report into. Like the prediction log,
/// trials are data and are not audited. On PostgreSQL a claim locks the oldest waiting trial with
/// <c>FOR UPDATE SKIP LOCKED</c> and numbers new trials under a lock of the study's row; on SQLite each write
/// transaction begins immediate, so claims run one at a time.
/// </summary>
internal sealed partial class SqlStore
{
    private const string TrialColumns = "id, study_id, number, state, params, value, user_attrs, worker, started_at, finished_at, heartbeat_at";

    public StudyRecord GetOrCreateStudy(string name, string direction, string settings)
    {
        CheckName(name, "study");
        if (direction is not ("maximize" or "minimize"))
            throw new KeelStoreException($"A study's direction is \"maximize\" or \"minimize\"; \"{direction}\" was given.");
        if (Read(c => FindStudy(c, null, name)) is { } existing) return CheckDirection(existing, direction);
        Require(Role.Trainer, "create the study", name);
        var at = Now();
        return Append((c, tx) =>
        {
            if (FindStudy(c, tx, name) is { } raced) return CheckDirection(raced, direction);
            Exec(c, tx, "INSERT INTO studies (name, direction, settings, created_at) VALUES (@n, @d, @s, @at) ON CONFLICT (name) DO NOTHING", ("n", name), ("d", direction), ("s", settings), ("at", at));
            return CheckDirection(FindStudy(c, tx, name)!, direction);
        });
    }

    private static StudyRecord CheckDirection(StudyRecord study, string direction) =>
        study.Direction == direction
            ? study
            : throw new KeelStoreException($"The study '{study.Name}' exists and is to {study.Direction}, not {direction}; choose another --study name or the same metric direction.") { Conflict = true };

    public StudyRecord GetStudy(string name)
    {
        if (Read(c => FindStudy(c, null, name)) is { } study) return study;
        var names = Read(c => Query(c, null, "SELECT name FROM studies ORDER BY name", r => r.GetString(0)));
        throw new KeelStoreException($"There is no study '{name}' in {Location}. The studies are: {(names.Count > 0 ? string.Join(", ", names) : "(none)")}.");
    }

    private static StudyRecord? FindStudy(DbConnection c, DbTransaction? tx, string name) =>
        Query(c, tx, "SELECT id, name, direction, settings, created_at FROM studies WHERE name = @n",
            r => new StudyRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), Time(r.GetString(4))), ("n", name)).FirstOrDefault();

    public TrialRecord EnqueueTrial(long studyId, string parameters)
    {
        Require(Role.Trainer, "queue trials of", $"study:{studyId}");
        return Append((c, tx) => InsertTrial(c, tx, studyId, TrialState.Waiting, parameters, null, null));
    }

    public TrialRecord? ClaimTrial(long studyId, string worker, int? maxTrials = null)
    {
        Require(Role.Trainer, "run trials of", $"study:{studyId}");
        var at = Now();
        return Append((c, tx) =>
        {
            var waiting = Query(c, tx, $"SELECT id FROM trials WHERE study_id = @s AND state = 'waiting' ORDER BY number LIMIT 1{_dialect.ForUpdateSkipLocked}",
                r => r.GetInt64(0), ("s", studyId));
            if (waiting.Count == 1)
            {
                Exec(c, tx, "UPDATE trials SET state = 'running', worker = @w, started_at = @at, heartbeat_at = @at WHERE id = @id",
                    ("w", worker), ("at", at), ("id", waiting[0]));
                return FindTrial(c, tx, waiting[0]);
            }
            LockStudy(c, tx, studyId);
            if (maxTrials is { } max && Convert.ToInt64(Scalar(c, tx, "SELECT COUNT(*) FROM trials WHERE study_id = @s", ("s", studyId))) >= max)
                return null;
            return InsertTrial(c, tx, studyId, TrialState.Running, "{}", worker, at);
        });
    }

    /// <summary>Locks the study's row, so that trial numbers are handed out one at a time; refuses an unknown study.</summary>
    private void LockStudy(DbConnection c, DbTransaction tx, long studyId)
    {
        if (Query(c, tx, $"SELECT id FROM studies WHERE id = @s{_dialect.ForUpdate}", r => r.GetInt64(0), ("s", studyId)).Count == 0)
            throw new KeelStoreException($"There is no study with id {studyId} in {Location}.");
    }

    private TrialRecord InsertTrial(DbConnection c, DbTransaction tx, long studyId, TrialState state, string parameters, string? worker, string? at)
    {
        LockStudy(c, tx, studyId);
        var number = Convert.ToInt64(Scalar(c, tx, "SELECT COALESCE(MAX(number), -1) + 1 FROM trials WHERE study_id = @s", ("s", studyId)));
        Exec(c, tx, "INSERT INTO trials (study_id, number, state, params, user_attrs, worker, started_at, heartbeat_at) VALUES (@s, @n, @st, @p, '{}', @w, @at, @at)",
            ("s", studyId), ("n", number), ("st", StateName(state)), ("p", parameters), ("w", worker), ("at", at));
        var id = Convert.ToInt64(Scalar(c, tx, "SELECT id FROM trials WHERE study_id = @s AND number = @n", ("s", studyId), ("n", number)));
        return FindTrial(c, tx, id);
    }

    public void ReportIntermediate(long trialId, int step, double value)
    {
        if (!double.IsFinite(value)) throw new KeelStoreException($"Trial {trialId} reported {value} at step {step}; intermediate values must be finite numbers.");
        Require(Role.Trainer, "report values of", $"trial:{trialId}");
        var at = Now();
        Append((c, tx) =>
        {
            RequireRunning(c, tx, trialId);
            Exec(c, tx, "INSERT INTO trial_values (trial_id, step, value) VALUES (@t, @s, @v) ON CONFLICT (trial_id, step) DO UPDATE SET value = excluded.value",
                ("t", trialId), ("s", (long)step), ("v", value));
            return Exec(c, tx, "UPDATE trials SET heartbeat_at = @at WHERE id = @t", ("at", at), ("t", trialId));
        });
    }

    public void Heartbeat(long trialId)
    {
        Require(Role.Trainer, "report values of", $"trial:{trialId}");
        var at = Now();
        Append((c, tx) => Exec(c, tx, "UPDATE trials SET heartbeat_at = @at WHERE id = @t AND state = 'running'", ("at", at), ("t", trialId)));
    }

    public TrialRecord FinishTrial(long trialId, TrialState state, double? value, string parameters, string userAttributes)
    {
        if (state is TrialState.Waiting or TrialState.Running)
            throw new KeelStoreException($"A trial finishes as complete, pruned or failed, not {StateName(state)}.");
        if (state == TrialState.Complete && value is null || value is { } f && !double.IsFinite(f))
            throw new KeelStoreException($"Trial {trialId} cannot finish as {StateName(state)} with the value {value?.ToString() ?? "null"}: a complete trial needs a finite value.");
        Require(Role.Trainer, "finish", $"trial:{trialId}");
        var at = Now();
        return Append((c, tx) =>
        {
            RequireRunning(c, tx, trialId);
            Exec(c, tx, "UPDATE trials SET state = @st, value = @v, params = @p, user_attrs = @u, finished_at = @at, heartbeat_at = @at WHERE id = @t",
                ("st", StateName(state)), ("v", value), ("p", parameters), ("u", userAttributes), ("at", at), ("t", trialId));
            return FindTrial(c, tx, trialId);
        });
    }

    private void RequireRunning(DbConnection c, DbTransaction tx, long trialId)
    {
        var state = Query(c, tx, $"SELECT state, number FROM trials WHERE id = @t{_dialect.ForUpdate}", r => (r.GetString(0), r.GetInt64(1)), ("t", trialId));
        if (state.Count == 0) throw new KeelStoreException($"There is no trial with id {trialId} in {Location}.");
        if (state[0].Item1 != "running")
            throw new KeelStoreException($"Trial {state[0].Item2} is {state[0].Item1}, not running: it was released as stale or finished by another worker, and its result is not recorded.") { Conflict = true };
    }

    public int ReleaseStaleTrials(long studyId, TimeSpan olderThan)
    {
        Require(Role.Trainer, "release trials of", $"study:{studyId}");
        var now = _clock.GetUtcNow();
        var cutoff = (now - olderThan).ToString("O");
        var at = now.ToString("O");
        return Append((c, tx) =>
        {
            LockStudy(c, tx, studyId);
            var stale = Query(c, tx, "SELECT id, params FROM trials WHERE study_id = @s AND state = 'running' AND heartbeat_at < @cut ORDER BY number",
                r => (r.GetInt64(0), r.GetString(1)), ("s", studyId), ("cut", cutoff));
            foreach (var (id, parameters) in stale)
            {
                Exec(c, tx, "UPDATE trials SET state = 'failed', finished_at = @at, user_attrs = @u WHERE id = @t",
                    ("at", at), ("u", "{\"released\":\"no heartbeat\"}"), ("t", id));
                InsertTrial(c, tx, studyId, TrialState.Waiting, parameters, null, null);
            }
            return stale.Count;
        });
    }

    public IReadOnlyList<TrialRecord> ListTrials(long studyId) => Read(c =>
    {
        var values = Query(c, null, "SELECT v.trial_id, v.step, v.value FROM trial_values v JOIN trials t ON t.id = v.trial_id WHERE t.study_id = @s ORDER BY v.trial_id, v.step",
                r => (Trial: r.GetInt64(0), Step: Convert.ToInt32(r.GetInt64(1)), Value: r.GetDouble(2)), ("s", studyId))
            .GroupBy(v => v.Trial).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<int, double>)g.ToDictionary(v => v.Step, v => v.Value));
        return Query(c, null, $"SELECT {TrialColumns} FROM trials WHERE study_id = @s ORDER BY number", MapTrial, ("s", studyId))
            .Select(t => values.TryGetValue(t.Id, out var v) ? t with { Intermediate = v } : t).ToList();
    });

    private static TrialRecord FindTrial(DbConnection c, DbTransaction? tx, long id)
    {
        var trial = Query(c, tx, $"SELECT {TrialColumns} FROM trials WHERE id = @t", MapTrial, ("t", id)).Single();
        var values = Query(c, tx, "SELECT step, value FROM trial_values WHERE trial_id = @t ORDER BY step", r => (Convert.ToInt32(r.GetInt64(0)), r.GetDouble(1)), ("t", id));
        return trial with { Intermediate = values.ToDictionary(v => v.Item1, v => v.Item2) };
    }

    private static TrialRecord MapTrial(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), Convert.ToInt32(r.GetInt64(2)), Enum.Parse<TrialState>(r.GetString(3), ignoreCase: true), r.GetString(4),
        r.IsDBNull(5) ? null : r.GetDouble(5), r.GetString(6), NullableString(r, 7),
        NullableString(r, 8) is { } s ? Time(s) : null, NullableString(r, 9) is { } f ? Time(f) : null, NullableString(r, 10) is { } h ? Time(h) : null);

    private static string StateName(TrialState state) => state.ToString().ToLowerInvariant();
}

using System.Data.Common;

namespace Keel.Store.Sql;

internal sealed partial class SqlStore
{
    public Experiment GetOrCreateExperiment(string name)
    {
        CheckName(name, "experiment");
        Require(Role.Trainer, "create experiment", name);
        return Write((c, tx) => FindExperiment(c, tx, name) ?? InsertExperiment(c, tx, name));
    }

    private Experiment InsertExperiment(DbConnection c, DbTransaction tx, string name)
    {
        var at = Now();
        var id = Convert.ToInt64(Scalar(c, tx, "INSERT INTO experiments (name, created_at) VALUES (@n, @at) RETURNING id", ("n", name), ("at", at)));
        return new Experiment(id, name, Time(at));
    }

    private static Experiment? FindExperiment(DbConnection c, DbTransaction? tx, string name) =>
        Query(c, tx, "SELECT id, name, created_at FROM experiments WHERE name = @n", r => new Experiment(r.GetInt64(0), r.GetString(1), Time(r.GetString(2))), ("n", name)).FirstOrDefault();

    public IReadOnlyList<Experiment> ListExperiments() =>
        Read(c => Query(c, null, "SELECT id, name, created_at FROM experiments ORDER BY id", r => new Experiment(r.GetInt64(0), r.GetString(1), Time(r.GetString(2)))));

    public Run StartRun(string experiment, string? name = null, string? parentRunId = null)
    {
        CheckName(experiment, "experiment");
        Require(Role.Trainer, "start a run in", experiment);
        return Write((c, tx) =>
        {
            var e = FindExperiment(c, tx, experiment) ?? InsertExperiment(c, tx, experiment);
            if (parentRunId is not null) FindRun(c, tx, parentRunId);
            var id = Guid.NewGuid().ToString("N");
            var at = Now();
            Exec(c, tx, "INSERT INTO runs (id, experiment_id, name, parent_run_id, status, start_time, created_by) VALUES (@id, @e, @name, @parent, @status, @at, @by)",
                ("id", id), ("e", e.Id), ("name", name), ("parent", parentRunId), ("status", nameof(RunStatus.Running)), ("at", at), ("by", Actor.Name));
            return new Run(id, experiment, name, parentRunId, RunStatus.Running, Time(at), null, Actor.Name);
        });
    }

    public void LogBatch(string runId, IReadOnlyDictionary<string, string>? parameters = null, IReadOnlyList<MetricPoint>? metrics = null, IReadOnlyDictionary<string, string>? tags = null)
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var m in metrics ?? [])
            if (string.IsNullOrEmpty(m.Key)) throw new KeelStoreException("A metric needs a key.");
        Require(Role.Trainer, "log to run", runId);
        Write((c, tx) =>
        {
            var runPk = RunKey(c, tx, runId);
            foreach (var (key, value) in parameters ?? new Dictionary<string, string>())
            {
                var existing = Scalar(c, tx, "SELECT value FROM params WHERE run_id = @r AND key = @k", ("r", runId), ("k", key)) as string;
                if (existing is null) Exec(c, tx, "INSERT INTO params (run_id, key, value) VALUES (@r, @k, @v)", ("r", runId), ("k", key), ("v", value));
                else if (existing != value)
                    throw new KeelStoreException($"Run {runId} already has param '{key}' = '{existing}'; params cannot change (log '{value}' under another key, or start a new run).");
            }
            foreach (var (key, value) in tags ?? new Dictionary<string, string>())
            {
                Exec(c, tx, "DELETE FROM tags WHERE run_id = @r AND key = @k", ("r", runId), ("k", key));
                Exec(c, tx, "INSERT INTO tags (run_id, key, value) VALUES (@r, @k, @v)", ("r", runId), ("k", key), ("v", value));
            }
            if (metrics is { Count: > 0 }) InsertMetrics(c, tx, runPk, metrics, now, _dialect.MetricRowsPerStatement);
            return 0;
        });
    }

    private static void InsertMetrics(DbConnection c, DbTransaction tx, long runPk, IReadOnlyList<MetricPoint> metrics, long now, int rowsPerStatement)
    {
        DbCommand? full = null;
        try
        {
            for (var offset = 0; offset < metrics.Count; offset += rowsPerStatement)
            {
                var n = Math.Min(rowsPerStatement, metrics.Count - offset);
                var command = n == rowsPerStatement ? full ??= MetricInsert(c, tx, n) : MetricInsert(c, tx, n);
                var parameters = command.Parameters;
                for (var i = 0; i < n; i++)
                {
                    var m = metrics[offset + i];
                    parameters[4 * i].Value = m.Key;
                    parameters[4 * i + 1].Value = m.Value;
                    parameters[4 * i + 2].Value = m.Step;
                    parameters[4 * i + 3].Value = m.TimestampMs > 0 ? m.TimestampMs : now;
                }
                parameters[4 * n].Value = runPk;
                command.ExecuteNonQuery();
                if (command != full) command.Dispose();
            }
        }
        finally
        {
            full?.Dispose();
        }
    }

    private static DbCommand MetricInsert(DbConnection c, DbTransaction tx, int rows)
    {
        var sql = new System.Text.StringBuilder("INSERT INTO metrics (run_pk, key, value, step, timestamp_ms) VALUES ");
        var parameters = new List<(string, object?)>(rows * 4 + 1);
        for (var i = 0; i < rows; i++)
        {
            if (i > 0) sql.Append(", ");
            sql.Append($"(@r, @k{i}, @v{i}, @s{i}, @t{i})");
            parameters.Add(($"k{i}", "")); parameters.Add(($"v{i}", 0.0)); parameters.Add(($"s{i}", 0L)); parameters.Add(($"t{i}", 0L));
        }
        parameters.Add(("r", 0L));
        var command = Command(c, tx, sql.ToString(), parameters.ToArray());
        command.Prepare();
        return command;
    }

    public void EndRun(string runId, RunStatus status = RunStatus.Finished)
    {
        Require(Role.Trainer, "end run", runId);
        Write((c, tx) =>
        {
            FindRun(c, tx, runId);
            return Exec(c, tx, "UPDATE runs SET status = @s, end_time = @at WHERE id = @id", ("s", status.ToString()), ("at", Now()), ("id", runId));
        });
    }

    public Run GetRun(string runId) => Read(c => FindRun(c, null, runId));

    /// <summary>The integer key metrics use for a run; an unknown run is refused like <see cref="FindRun"/>.</summary>
    private static long RunKey(DbConnection c, DbTransaction? tx, string runId)
    {
        if (Scalar(c, tx, "SELECT pk FROM runs WHERE id = @id", ("id", runId)) is { } pk) return Convert.ToInt64(pk);
        FindRun(c, tx, runId); // refuses the unknown run with its usual advice
        throw new InvalidOperationException($"Run {runId} was found without its key.");
    }

    private const string RunColumns = "r.id, e.name, r.name, r.parent_run_id, r.status, r.start_time, r.end_time, r.created_by FROM runs r JOIN experiments e ON e.id = r.experiment_id";

    private static Run MapRun(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), NullableString(r, 2), NullableString(r, 3), Enum.Parse<RunStatus>(r.GetString(4)),
        Time(r.GetString(5)), NullableString(r, 6) is { } end ? Time(end) : null, r.GetString(7));

    private static Run FindRun(DbConnection c, DbTransaction? tx, string runId) =>
        Query(c, tx, $"SELECT {RunColumns} WHERE r.id = @id", MapRun, ("id", runId)).FirstOrDefault()
        ?? throw new KeelStoreException($"There is no run '{runId}'. List runs with: keel runs list --experiment NAME.");

    public IReadOnlyList<Run> ListRuns(string experiment) =>
        Read(c =>
        {
            if (FindExperiment(c, null, experiment) is null)
                throw new KeelStoreException($"There is no experiment '{experiment}'. The experiments are: {string.Join(", ", ListExperiments().Select(e => e.Name))}.");
            return Query(c, null, $"SELECT {RunColumns} WHERE e.name = @e ORDER BY r.start_time, r.id", MapRun, ("e", experiment));
        });

    public IReadOnlyDictionary<string, string> GetParams(string runId) => KeyValues("params", runId);

    public IReadOnlyDictionary<string, string> GetTags(string runId) => KeyValues("tags", runId);

    private IReadOnlyDictionary<string, string> KeyValues(string table, string runId) =>
        Read(c =>
        {
            FindRun(c, null, runId);
            return Query(c, null, $"SELECT key, value FROM {table} WHERE run_id = @r ORDER BY key", r => (r.GetString(0), r.GetString(1)), ("r", runId))
                .ToDictionary(kv => kv.Item1, kv => kv.Item2);
        });

    public IReadOnlyDictionary<string, double> GetLatestMetrics(string runId) =>
        Read(c =>
        {
            var runPk = RunKey(c, null, runId);
            var latest = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var (key, value) in Query(c, null, "SELECT key, value FROM metrics WHERE run_pk = @r ORDER BY key, step, timestamp_ms", r => (r.GetString(0), r.GetDouble(1)), ("r", runPk)))
                latest[key] = value;
            return latest;
        });

    public IReadOnlyList<MetricPoint> GetMetricHistory(string runId, string key) =>
        Read(c =>
        {
            var runPk = RunKey(c, null, runId);
            return Query(c, null, "SELECT key, value, step, timestamp_ms FROM metrics WHERE run_pk = @r AND key = @k ORDER BY step, timestamp_ms",
                r => new MetricPoint(r.GetString(0), r.GetDouble(1), r.GetInt64(2), r.GetInt64(3)), ("r", runPk), ("k", key));
        });
}

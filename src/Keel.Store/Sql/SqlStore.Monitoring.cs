using System.Data.Common;
using System.Text;

namespace Keel.Store.Sql;

internal sealed partial class SqlStore
{
    private const string MonitoringRunColumns = "id, model, version, from_sequence, to_sequence, row_count, window_count, issue_count, alert_count, result, created_at";
    private const string AlertColumns = "id, model, version, run_id, kind, column_name, message, created_at, delivered_at, attempts, last_error";

    /// <summary>Request ids per <c>IN (...)</c> query when feedback is looked up by id.</summary>
    private const int IdsPerQuery = 500;

    public IReadOnlyList<Feedback> ReadFeedbackFor(string model, IReadOnlyCollection<string> requestIds)
    {
        var ids = requestIds.Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0) return [];
        return Read(c =>
        {
            var found = new List<Feedback>();
            for (var offset = 0; offset < ids.Length; offset += IdsPerQuery)
            {
                var chunk = ids.AsSpan(offset, Math.Min(IdsPerQuery, ids.Length - offset)).ToArray();
                var parameters = new (string, object?)[chunk.Length + 1];
                parameters[0] = ("m", model);
                var sql = new StringBuilder("SELECT seq, model, request_id, label, at, actor FROM feedback WHERE model = @m AND request_id IN (");
                for (var i = 0; i < chunk.Length; i++)
                {
                    sql.Append(i > 0 ? ", @r" : "@r").Append(i);
                    parameters[i + 1] = ($"r{i}", chunk[i]);
                }
                sql.Append(')');
                found.AddRange(Query(c, null, sql.ToString(),
                    r => new Feedback(r.GetString(1), r.GetString(2), r.GetString(3), Time(r.GetString(4)), r.GetString(5), r.GetInt64(0)), parameters));
            }
            return found.OrderBy(f => f.Sequence).ToList();
        });
    }

    public SavedMonitoringRun SaveMonitoringRun(MonitoringRun run, IReadOnlyList<Alert> alerts)
    {
        if (run.FromSequence < 1 || run.ToSequence < run.FromSequence)
            throw new KeelStoreException($"A monitoring run of {run.Model} covers prediction log sequences {run.FromSequence} to {run.ToSequence}; give a range that starts at 1 or later and does not end before it starts.");
        foreach (var alert in alerts)
            if (alert.Model != run.Model)
                throw new KeelStoreException($"An alert of model '{alert.Model}' cannot be saved with a monitoring run of '{run.Model}'.");
        Require(Role.Predictor, "save monitoring runs of", run.Model);
        // A serialized write, not an append: the overlap check and the insert must not interleave with another server's.
        return Write((c, tx) =>
        {
            var last = Scalar(c, tx, "SELECT MAX(to_sequence) FROM monitoring_runs WHERE model = @m", ("m", run.Model)) is { } value ? Convert.ToInt64(value) : 0;
            if (run.FromSequence <= last)
                throw new KeelStoreException($"The prediction log of {run.Model} up to sequence {last} was already monitored; this run starts at {run.FromSequence}. Another server over the same store may be monitoring it.")
                { Conflict = true };
            var id = Convert.ToInt64(Scalar(c, tx,
                "INSERT INTO monitoring_runs (model, version, from_sequence, to_sequence, row_count, window_count, issue_count, alert_count, result, created_at) " +
                "VALUES (@m, @v, @from, @to, @rows, @windows, @issues, @alerts, @result, @at) RETURNING id",
                ("m", run.Model), ("v", (long)run.Version), ("from", run.FromSequence), ("to", run.ToSequence), ("rows", (long)run.Rows),
                ("windows", (long)run.Windows), ("issues", (long)run.Issues), ("alerts", (long)run.Alerts), ("result", run.Result), ("at", Stamp(run.At))));
            var saved = InsertAlerts(c, tx, alerts.Select(a => a with { RunId = id }).ToArray());
            return new SavedMonitoringRun(run with { Id = id }, saved);
        });
    }

    public IReadOnlyList<MonitoringRun> ReadMonitoringRuns(string model, int limit = 20) =>
        Read(c => Query(c, null, $"SELECT {MonitoringRunColumns} FROM monitoring_runs WHERE model = @m ORDER BY id DESC LIMIT @limit",
            r => new MonitoringRun(r.GetString(1), Convert.ToInt32(r.GetInt64(2)), r.GetInt64(3), r.GetInt64(4), Convert.ToInt32(r.GetInt64(5)),
                Convert.ToInt32(r.GetInt64(6)), Convert.ToInt32(r.GetInt64(7)), Convert.ToInt32(r.GetInt64(8)), r.GetString(9), Time(r.GetString(10)), r.GetInt64(0)),
            ("m", model), ("limit", (long)Math.Max(0, limit))));

    public IReadOnlyList<Alert> RaiseAlerts(IReadOnlyList<Alert> alerts)
    {
        if (alerts.Count == 0) return [];
        Require(Role.Predictor, "raise alerts for", alerts[0].Model);
        return Append((c, tx) => InsertAlerts(c, tx, alerts));
    }

    public IReadOnlyList<Alert> ReadAlerts(string model, int limit = 100, bool undeliveredOnly = false) =>
        Read(c => Query(c, null,
            $"SELECT {AlertColumns} FROM alerts WHERE model = @m{(undeliveredOnly ? " AND delivered_at IS NULL" : "")} ORDER BY id DESC LIMIT @limit",
            r => new Alert(r.GetString(1), Convert.ToInt32(r.GetInt64(2)), r.GetString(4), NullableString(r, 5), r.GetString(6), Time(r.GetString(7)),
                r.IsDBNull(3) ? null : r.GetInt64(3), r.GetInt64(0), NullableString(r, 8) is { } delivered ? Time(delivered) : null,
                Convert.ToInt32(r.GetInt64(9)), NullableString(r, 10)),
            ("m", model), ("limit", (long)Math.Max(0, limit))));

    public void RecordAlertDelivery(long alertId, DateTimeOffset at, string? error)
    {
        var model = Read(c => Scalar(c, null, "SELECT model FROM alerts WHERE id = @id", ("id", alertId)) as string)
                    ?? throw new KeelStoreException($"There is no alert {alertId}.");
        Require(Role.Predictor, "record the delivery of alerts of", model);
        Append((c, tx) => error is null
            ? Exec(c, tx, "UPDATE alerts SET attempts = attempts + 1, delivered_at = @at, last_error = NULL WHERE id = @id", ("at", Stamp(at)), ("id", alertId))
            : Exec(c, tx, "UPDATE alerts SET attempts = attempts + 1, last_error = @e WHERE id = @id", ("e", error.Length > 1000 ? error[..1000] : error), ("id", alertId)));
    }

    private static List<Alert> InsertAlerts(DbConnection c, DbTransaction tx, IReadOnlyList<Alert> alerts)
    {
        var saved = new List<Alert>(alerts.Count);
        foreach (var a in alerts)
        {
            if (string.IsNullOrWhiteSpace(a.Kind) || string.IsNullOrWhiteSpace(a.Message))
                throw new KeelStoreException($"An alert of {a.Model} needs a kind and a message.");
            var id = Convert.ToInt64(Scalar(c, tx,
                "INSERT INTO alerts (model, version, run_id, kind, column_name, message, created_at, attempts) VALUES (@m, @v, @run, @k, @col, @msg, @at, 0) RETURNING id",
                ("m", a.Model), ("v", (long)a.Version), ("run", a.RunId), ("k", a.Kind), ("col", a.Column), ("msg", a.Message), ("at", Stamp(a.At))));
            saved.Add(a with { Id = id, DeliveredAt = null, Attempts = 0, LastError = null });
        }
        return saved;
    }

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O");
}

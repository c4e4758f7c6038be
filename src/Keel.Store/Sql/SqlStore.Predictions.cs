using System.Data.Common;
using System.Security.Cryptography;
using System.Text;

namespace Keel.Store.Sql;

internal sealed partial class SqlStore
{
    private static readonly string[] PredictionColumns = ["model", "version", "request_id", "at", "latency_ms", "row_count", "inputs", "outputs", "variant"];
    private static readonly string[] FeedbackColumns = ["model", "request_id", "label", "at", "actor"];

    public Actor Authenticate(string apiKey) => Authenticate(_dialect, apiKey);

    public byte[] GetBundle(ModelVersion version)
    {
        var sha = version.BundleSha256;
        var content = _dialect.ArtifactFolder is { } folder
            ? ReadContentFile(folder, sha)
            : Read(c => Scalar(c, null, "SELECT content FROM artifact_contents WHERE sha256 = @s", ("s", sha)) as byte[]);
        if (content is null)
            throw new KeelStoreException($"The bundle of {version.Model} version {version.Version} (SHA-256 {sha[..12]}…) is missing from the store {Location}.");
        var actual = Convert.ToHexStringLower(SHA256.HashData(content));
        if (actual != sha)
            throw new KeelStoreException($"The bundle of {version.Model} version {version.Version} has changed since it was registered (SHA-256 {actual[..12]}…, registered {sha[..12]}…); it will not be loaded.");
        return content;
    }

    public void LogPredictions(IReadOnlyList<PredictionRecord> records)
    {
        if (records.Count == 0) return;
        Require(Role.Predictor, "log predictions of", records[0].Model);
        Append((c, tx) => InsertRows(c, tx, "predictions", PredictionColumns, records.Count, (i, values) =>
        {
            var r = records[i];
            values[0] = r.Model; values[1] = (long)r.Version; values[2] = r.RequestId; values[3] = r.At.ToUniversalTime().ToString("O");
            values[4] = r.LatencyMs; values[5] = (long)r.Rows; values[6] = r.Inputs; values[7] = r.Outputs; values[8] = r.Variant;
        }));
    }

    public IReadOnlyList<PredictionRecord> ReadPredictions(string model, long afterSequence = 0, int limit = 1000) =>
        Read(c => Query(c, null,
            "SELECT seq, model, version, request_id, at, latency_ms, row_count, inputs, outputs, variant FROM predictions WHERE model = @m AND seq > @after ORDER BY seq LIMIT @limit",
            r => new PredictionRecord(r.GetString(1), Convert.ToInt32(r.GetInt64(2)), r.GetString(3), Time(r.GetString(4)), r.GetDouble(5), Convert.ToInt32(r.GetInt64(6)), r.GetString(7), r.GetString(8), r.GetInt64(0), r.GetString(9)),
            ("m", model), ("after", afterSequence), ("limit", (long)limit)));

    public long CountPredictions(string model) =>
        Read(c => Convert.ToInt64(Scalar(c, null, "SELECT COUNT(*) FROM predictions WHERE model = @m", ("m", model))));

    public int LogFeedback(IReadOnlyList<Feedback> feedback)
    {
        if (feedback.Count == 0) return 0;
        foreach (var f in feedback)
            if (string.IsNullOrEmpty(f.RequestId)) throw new KeelStoreException("Feedback needs the request id of the prediction it is about.");
        Require(Role.Predictor, "send feedback for", feedback[0].Model);
        var at = Now();
        return Append((c, tx) =>
        {
            InsertRows(c, tx, "feedback", FeedbackColumns, feedback.Count, (i, values) =>
            {
                var f = feedback[i];
                values[0] = f.Model; values[1] = f.RequestId; values[2] = f.Label; values[3] = at; values[4] = f.Actor is { Length: > 0 } sender ? sender : Actor.Name;
            });
            var matched = 0;
            using var known = Command(c, tx, "SELECT COUNT(*) FROM predictions WHERE model = @m AND request_id = @r", ("m", ""), ("r", ""));
            foreach (var f in feedback)
            {
                known.Parameters[0].Value = f.Model;
                known.Parameters[1].Value = f.RequestId;
                if (Convert.ToInt64(known.ExecuteScalar()) > 0) matched++;
            }
            return matched;
        });
    }

    public IReadOnlyList<Feedback> ReadFeedback(string model, long afterSequence = 0, int limit = 1000) =>
        Read(c => Query(c, null,
            "SELECT seq, model, request_id, label, at, actor FROM feedback WHERE model = @m AND seq > @after ORDER BY seq LIMIT @limit",
            r => new Feedback(r.GetString(1), r.GetString(2), r.GetString(3), Time(r.GetString(4)), r.GetString(5), r.GetInt64(0)),
            ("m", model), ("after", afterSequence), ("limit", (long)limit)));

    /// <summary>A write that appends data and takes no part in the audit chain, so it need not queue behind the registry's writers.</summary>
    private T Append<T>(Func<DbConnection, DbTransaction, T> body)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = _dialect.Open();
                using var tx = _dialect.BeginAppend(connection);
                var result = body(connection, tx);
                tx.Commit();
                return result;
            }
            catch (Exception e) when (attempt < 5 && _dialect.IsTransient(e))
            {
                Thread.Sleep(20 * attempt * attempt);
            }
        }
    }

    /// <summary>Inserts <paramref name="count"/> rows, <see cref="SqlDialect.MetricRowsPerStatement"/> to a prepared statement.</summary>
    private int InsertRows(DbConnection c, DbTransaction tx, string table, string[] columns, int count, Action<int, object?[]> fill)
    {
        var perStatement = _dialect.MetricRowsPerStatement;
        var values = new object?[columns.Length];
        DbCommand? full = null;
        try
        {
            for (var offset = 0; offset < count; offset += perStatement)
            {
                var n = Math.Min(perStatement, count - offset);
                var command = n == perStatement ? full ??= Insert(n) : Insert(n);
                for (var i = 0; i < n; i++)
                {
                    fill(offset + i, values);
                    for (var j = 0; j < columns.Length; j++) command.Parameters[i * columns.Length + j].Value = values[j] ?? DBNull.Value;
                }
                command.ExecuteNonQuery();
                if (command != full) command.Dispose();
            }
        }
        finally
        {
            full?.Dispose();
        }
        return count;

        DbCommand Insert(int rows)
        {
            var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
            var parameters = new List<(string, object?)>(rows * columns.Length);
            for (var i = 0; i < rows; i++)
            {
                sql.Append(i > 0 ? ", (" : "(");
                for (var j = 0; j < columns.Length; j++)
                {
                    sql.Append(j > 0 ? ", @p" : "@p").Append(i * columns.Length + j);
                    parameters.Add(($"p{i * columns.Length + j}", ""));
                }
                sql.Append(')');
            }
            var command = Command(c, tx, sql.ToString(), parameters.ToArray());
            return command;
        }
    }
}

using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace Keel.Store.Sql;

/// <summary>PostgreSQL through Npgsql. Writers serialize on one advisory lock; artifacts live in the database (bytea).</summary>
internal sealed class PostgresDialect(StoreUri uri) : SqlDialect(uri)
{
    private const long WriteLock = 0x4B45454C; // "KEEL"

    public override string? ArtifactFolder => null;

    public override int MetricRowsPerStatement => 200;

    public override DbConnection Open()
    {
        var connection = new NpgsqlConnection(Uri.ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or InvalidOperationException)
        {
            connection.Dispose();
            throw new KeelStoreException($"Cannot reach the PostgreSQL store {Uri.Location}: {e.Message}. Check the host, port, database and that the server runs.", e);
        }
    }

    public override string Translate(string ddl) => ddl
        .Replace("{identity}", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY")
        .Replace("{bigint}", "BIGINT")
        .Replace("{double}", "DOUBLE PRECISION")
        .Replace("{blob}", "BYTEA");

    public override DbTransaction BeginWrite(DbConnection connection)
    {
        var tx = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"SELECT pg_advisory_xact_lock({WriteLock})";
        command.ExecuteNonQuery();
        return tx;
    }

    public override DbTransaction BeginAppend(DbConnection connection) => connection.BeginTransaction();

    public override string ForUpdate => " FOR UPDATE";

    public override string ForUpdateSkipLocked => " FOR UPDATE SKIP LOCKED";

    public override bool IsTransient(Exception e) => e is NpgsqlException { IsTransient: true };
}

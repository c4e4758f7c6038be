using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Keel.Store.Sql;

/// <summary>
/// SQLite in WAL mode with a busy timeout: many readers, one writer at a time, writers queue instead of failing.
/// Artifacts are files under <c>artifacts/</c> beside the database, named by their SHA-256.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;

    public SqliteDialect(StoreUri uri) : base(uri)
    {
        var folder = Path.GetDirectoryName(uri.ConnectionString)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeelStoreException($"Cannot create the store folder {folder}: {e.Message}", e);
        }
        _connectionString = new SqliteConnectionStringBuilder { DataSource = uri.ConnectionString, Pooling = true, DefaultTimeout = 30 }.ToString();
        ArtifactFolder = Path.Combine(folder, "artifacts");
    }

    public override string? ArtifactFolder { get; }

    public override DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384;";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new KeelStoreException($"Cannot open the SQLite store {Uri.ConnectionString}: {e.Message}", e);
        }
    }

    public override string Translate(string ddl) => ddl
        .Replace("{identity}", "INTEGER PRIMARY KEY")
        .Replace("{bigint}", "INTEGER")
        .Replace("{double}", "REAL")
        .Replace("{blob}", "BLOB");

    public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override bool IsTransient(Exception e) => e is SqliteException { SqliteErrorCode: 5 or 6 };
}

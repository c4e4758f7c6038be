using Microsoft.Data.Sqlite;
using Npgsql;

namespace Keel.Store.Tests;

/// <summary>
/// The backends the contract runs on: SQLite always; PostgreSQL when <c>KEEL_TEST_POSTGRES</c> names a server
/// (<c>.ci/run</c> starts one), and always under <c>CI=true</c>, where a missing server fails the tests.
/// Each test gets a fresh store: a new SQLite file, or a new PostgreSQL schema.
/// </summary>
public static class Backends
{
    public static string? Postgres => Environment.GetEnvironmentVariable("KEEL_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string> { "sqlite" };
            if (Postgres is not null || InCi) data.Add("postgres");
            return data;
        }
    }

    /// <summary>A new, empty store of the backend, as a URI or connection string, and a way to run raw SQL on it.</summary>
    public static TestStore Create(string backend)
    {
        if (backend == "sqlite")
        {
            var folder = Directory.CreateTempSubdirectory("keel-store-").FullName;
            var path = Path.Combine(folder, "keel.db");
            return new TestStore($"sqlite:{path}", sql =>
            {
                using var c = new SqliteConnection($"Data Source={path}");
                c.Open();
                using var cmd = c.CreateCommand();
                cmd.CommandText = sql;
                cmd.ExecuteNonQuery();
            }, () => { SqliteConnection.ClearAllPools(); Directory.Delete(folder, recursive: true); }, folder);
        }
        var server = Postgres ?? throw new InvalidOperationException("CI=true but KEEL_TEST_POSTGRES is not set: .ci/run must start PostgreSQL and export it.");
        var baseString = Keel.Store.StoreUri.Parse(server).ConnectionString;
        var schema = "keel_" + Guid.NewGuid().ToString("N")[..12];
        Raw(baseString, $"CREATE SCHEMA {schema}");
        var scoped = new NpgsqlConnectionStringBuilder(baseString) { SearchPath = schema }.ConnectionString;
        return new TestStore(scoped, sql => Raw(scoped, sql), () => Raw(baseString, $"DROP SCHEMA {schema} CASCADE"), null);
    }

    private static void Raw(string connectionString, string sql)
    {
        using var c = new NpgsqlConnection(connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}

/// <summary>A store made for one test: its URI, raw SQL access for tampering, and clean-up.</summary>
public sealed class TestStore(string uri, Action<string> raw, Action cleanup, string? folder) : IDisposable
{
    public string Uri { get; } = uri;

    /// <summary>The folder of a SQLite store (artifacts live under it); null for PostgreSQL.</summary>
    public string? Folder { get; } = folder;

    public void Sql(string sql) => raw(sql);

    public IKeelStore Open(Actor? actor = null) => KeelStore.Open(Uri, actor ?? new Actor("tester", Role.Admin));

    public void Dispose() => cleanup();
}

/// <summary>A fact that runs only where PostgreSQL is available, and says why it skips elsewhere.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Backends.Postgres is null && !Backends.InCi)
            Skip = "PostgreSQL tests skipped: KEEL_TEST_POSTGRES is not set (bash .ci/run starts a server and sets it).";
    }
}

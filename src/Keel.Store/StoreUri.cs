namespace Keel.Store;

/// <summary>
/// Where a store lives: <c>sqlite:&lt;path&gt;</c> (the default, <c>./.keel/keel.db</c>), <c>postgresql://user[:password]@host[:port]/db</c>,
/// or an Npgsql keyword string (<c>Host=...;Username=...;Database=...</c>).
/// </summary>
public sealed record StoreUri(StoreKind Kind, string ConnectionString, string Location)
{
    public const string DefaultSqlitePath = ".keel/keel.db";

    /// <summary>The store named by <c>KEEL_STORE</c>, or the local SQLite file.</summary>
    public static string Default => Environment.GetEnvironmentVariable("KEEL_STORE") is { Length: > 0 } s ? s : "sqlite:" + DefaultSqlitePath;

    public static StoreUri Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = uri["sqlite:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal)) path = path[2..];
            if (path.Length == 0) throw new KeelStoreException("The store URI 'sqlite:' names no file; write sqlite:./.keel/keel.db.");
            var full = Path.GetFullPath(path);
            return new StoreUri(StoreKind.Sqlite, full, $"sqlite:{full}");
        }
        if (uri.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var u) || u.Host.Length == 0)
                throw new KeelStoreException($"'{uri}' is not a PostgreSQL URI; write postgresql://user@host:5432/database.");
            var user = Uri.UnescapeDataString(u.UserInfo.Split(':')[0]);
            var password = u.UserInfo.Contains(':') ? Uri.UnescapeDataString(u.UserInfo[(u.UserInfo.IndexOf(':') + 1)..]) : null;
            var database = u.AbsolutePath.Trim('/');
            var port = u.Port > 0 ? u.Port : 5432;
            var builder = new Npgsql.NpgsqlConnectionStringBuilder
            {
                Host = u.Host, Port = port, Username = user.Length > 0 ? user : "postgres",
                Database = database.Length > 0 ? database : "postgres", Password = password,
            };
            return new StoreUri(StoreKind.Postgres, builder.ConnectionString, $"postgresql://{builder.Username}@{u.Host}:{port}/{builder.Database}");
        }
        if (uri.Contains('=') && uri.Contains("Host", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var builder = new Npgsql.NpgsqlConnectionStringBuilder(uri);
                return new StoreUri(StoreKind.Postgres, builder.ConnectionString, $"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}");
            }
            catch (ArgumentException e)
            {
                throw new KeelStoreException($"The store connection string is not valid: {e.Message}", e);
            }
        }
        throw new KeelStoreException($"'{uri}' is not a store URI. Use sqlite:<path> or postgresql://user@host:port/database.");
    }
}

public enum StoreKind
{
    Sqlite,
    Postgres,
}

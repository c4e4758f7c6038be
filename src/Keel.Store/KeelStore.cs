using Keel.Store.Sql;

namespace Keel.Store;

/// <summary>Opens a store by URI, applying schema migrations on open.</summary>
/// <example>
/// <code>
/// using var store = KeelStore.Open("sqlite:.keel/keel.db");
/// var run = store.StartRun("churn");
/// store.LogBatch(run.Id, metrics: [new MetricPoint("roc_auc", 0.85)]);
/// </code>
/// </example>
public static class KeelStore
{
    public static IKeelStore Open(string uri, Actor? actor = null, TimeProvider? clock = null)
    {
        var parsed = StoreUri.Parse(uri);
        return new SqlStore(Dialect(parsed), actor ?? Actor.LocalUser, clock ?? TimeProvider.System);
    }

    /// <summary>Opens a store as the actor an API key stands for; a bad or revoked key is refused.</summary>
    public static IKeelStore OpenWithKey(string uri, string apiKey, TimeProvider? clock = null)
    {
        var dialect = Dialect(StoreUri.Parse(uri));
        var bootstrap = new SqlStore(dialect, Actor.LocalUser, clock ?? TimeProvider.System); // applies migrations
        bootstrap.Dispose();
        return new SqlStore(dialect, SqlStore.Authenticate(dialect, apiKey), clock ?? TimeProvider.System);
    }

    private static SqlDialect Dialect(StoreUri uri) => uri.Kind == StoreKind.Sqlite ? new SqliteDialect(uri) : new PostgresDialect(uri);
}

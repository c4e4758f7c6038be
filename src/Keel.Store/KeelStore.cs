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
        SqlDialect dialect = parsed.Kind == StoreKind.Sqlite ? new SqliteDialect(parsed) : new PostgresDialect(parsed);
        return new SqlStore(dialect, actor ?? Actor.LocalUser, clock ?? TimeProvider.System);
    }
}

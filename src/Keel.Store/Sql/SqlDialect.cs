using System.Data.Common;

namespace Keel.Store.Sql;

/// <summary>What differs between the SQL backends: connections, column types, write locking, where artifacts live.</summary>
internal abstract class SqlDialect(StoreUri uri)
{
    public StoreUri Uri { get; } = uri;

    public abstract DbConnection Open();

    /// <summary>Column types and the identity column, substituted into the shared DDL.</summary>
    public abstract string Translate(string ddl);

    /// <summary>Begins a write transaction that serializes with every other writer (audit appends need it).</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>Begins a transaction that only appends rows outside the audit chain (the prediction log).</summary>
    public virtual DbTransaction BeginAppend(DbConnection connection) => BeginWrite(connection);

    /// <summary>The folder that holds artifact contents, or null when they live in the database.</summary>
    public abstract string? ArtifactFolder { get; }

    /// <summary>
    /// Metric rows per INSERT statement. A server round trip per statement makes many rows a statement pay off for
    /// PostgreSQL; SQLite binds parameters by name on every execution, so one row per prepared statement is faster.
    /// </summary>
    public virtual int MetricRowsPerStatement => 1;

    /// <summary>What a SELECT ends with to lock the rows it reads until the transaction ends (none where writers serialize anyway).</summary>
    public virtual string ForUpdate => "";

    /// <summary>Like <see cref="ForUpdate"/>, but skipping rows another transaction holds, so that workers take different rows.</summary>
    public virtual string ForUpdateSkipLocked => "";

    /// <summary>Whether an exception means "try again later" (a busy database), not a real failure.</summary>
    public virtual bool IsTransient(Exception e) => false;
}

using System.Data.Common;
using System.Text.RegularExpressions;

namespace Keel.Store.Sql;

/// <summary>
/// The store on a SQL database. Every write is one transaction that serializes with other writers (SQLite
/// <c>BEGIN IMMEDIATE</c>, PostgreSQL advisory lock), retried a few times when the database reports itself busy, so
/// a write either happened whole or not at all.
/// </summary>
internal sealed partial class SqlStore : IKeelStore
{
    private readonly SqlDialect _dialect;
    private readonly TimeProvider _clock;

    public SqlStore(SqlDialect dialect, Actor actor, TimeProvider clock)
    {
        _dialect = dialect;
        _clock = clock;
        Actor = actor;
        Migrate();
    }

    public string Location => _dialect.Uri.Location;

    public Actor Actor { get; }

    public void Dispose() { }

    private void Migrate()
    {
        Write((c, tx) =>
        {
            Exec(c, tx, _dialect.Translate("CREATE TABLE IF NOT EXISTS schema_info (version {bigint} NOT NULL)"));
            var current = Convert.ToInt32(Scalar(c, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_info") ?? 0);
            if (current > Migrations.Latest)
                throw new KeelStoreException($"The store {Location} has schema version {current}, newer than this Keel knows ({Migrations.Latest}). Upgrade Keel; the store was not changed.");
            for (var v = current; v < Migrations.Latest; v++)
            {
                foreach (var statement in Migrations.All[v]) Exec(c, tx, _dialect.Translate(statement));
                Exec(c, tx, "INSERT INTO schema_info (version) VALUES (@v)", ("v", v + 1));
            }
            return 0;
        });
    }

    private T Read<T>(Func<DbConnection, T> body)
    {
        using var connection = _dialect.Open();
        return body(connection);
    }

    private T Write<T>(Func<DbConnection, DbTransaction, T> body)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = _dialect.Open();
                using var tx = _dialect.BeginWrite(connection);
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

    private string Now() => _clock.GetUtcNow().ToString("O");

    private static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    private static int Exec(DbConnection c, DbTransaction? tx, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(c, tx, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(DbConnection c, DbTransaction? tx, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(c, tx, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static List<T> Query<T>(DbConnection c, DbTransaction? tx, string sql, Func<DbDataReader, T> map, params (string, object?)[] parameters)
    {
        using var command = Command(c, tx, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    private static string? NullableString(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Names of experiments and models: 1 to 256 printable characters.</summary>
    private static string CheckName(string name, string what)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 256 || name.Any(char.IsControl) || name != name.Trim())
            throw new KeelStoreException($"'{name}' is not a valid {what} name: use 1 to 256 printable characters, without leading or trailing spaces.");
        return name;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex AliasPattern();
}

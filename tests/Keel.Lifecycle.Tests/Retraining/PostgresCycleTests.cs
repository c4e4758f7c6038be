using Keel.Lifecycle.Retraining;
using Keel.Store;
using Npgsql;

namespace Keel.Lifecycle.Tests.Retraining;

/// <summary>
/// A retraining cycle on PostgreSQL, in a fresh schema, where <c>KEEL_TEST_POSTGRES</c> names a server (always under
/// <c>CI=true</c>); it skips elsewhere and says why.
/// </summary>
public sealed class PostgresCycleTests
{
    [PostgresFact]
    public void Run_OnPostgreSql_PromotesTheWinner_AndTheCycleIsInTheHistory()
    {
        var server = Environment.GetEnvironmentVariable("KEEL_TEST_POSTGRES") is { Length: > 0 } s ? s
            : throw new InvalidOperationException("CI=true but KEEL_TEST_POSTGRES is not set: .ci/run must start PostgreSQL and export it.");
        var baseString = StoreUri.Parse(server).ConnectionString;
        var schema = "keel_" + Guid.NewGuid().ToString("N")[..12];
        Raw(baseString, $"CREATE SCHEMA {schema}");
        try
        {
            using var store = KeelStore.Open(new NpgsqlConnectionStringBuilder(baseString) { SearchPath = schema }.ConnectionString, new Actor("ada", Role.Admin));
            var champion = RetrainingCycleTests.Register(store, RetrainingCycleTests.Champion.Value);

            var result = RetrainingCycle.Run(store, "churn", new RetrainingCycleInputs { Policy = RetrainingCycleTests.Policy(), RecentData = RetrainingCycleTests.Drifted },
                RetrainingCycleTests.After(champion));

            Assert.Equal(CycleAction.Promoted, result.Action);
            Assert.Equal(2, store.GetModel("churn").Aliases["champion"]);
            Assert.Equal("Promoted", Assert.Single(LifecycleHistory.Cycles(store, "churn")).Action);
            Assert.True(store.VerifyAudit().Intact);
        }
        finally
        {
            Raw(baseString, $"DROP SCHEMA {schema} CASCADE");
        }
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

/// <summary>A fact that runs only where PostgreSQL is available, and says why it skips elsewhere.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KEEL_TEST_POSTGRES")) && !ci)
            Skip = "PostgreSQL tests skipped: KEEL_TEST_POSTGRES is not set (bash .ci/run starts a server and sets it).";
    }
}

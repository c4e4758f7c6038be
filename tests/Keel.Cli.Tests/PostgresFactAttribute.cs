namespace Keel.Cli.Tests;

/// <summary>A fact that runs where PostgreSQL is available (<c>KEEL_TEST_POSTGRES</c>, always under <c>CI=true</c>), and says why it skips elsewhere.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KEEL_TEST_POSTGRES")) && !ci)
            Skip = "PostgreSQL tests skipped: KEEL_TEST_POSTGRES is not set (bash .ci/run starts a server and sets it).";
    }
}

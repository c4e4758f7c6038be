namespace Keel.Cli.Commands;

/// <summary>A clock that always reads the time given with <c>--now</c>.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}

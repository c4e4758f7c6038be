namespace Keel.Serving.Rollout;

/// <summary>
/// One pairing of champion and challenger versions and what they did together. A moved alias (either side) starts a
/// new generation: figures and the rollback decision belong to the versions that earned them.
/// </summary>
internal sealed class RolloutGeneration(int championVersion, int challengerVersion, DateTimeOffset started)
{
    private int _rolledBack;

    /// <summary>Canary outcomes since the generation began, to apply the rollback rule every few of them.</summary>
    public long DecisionTicks;
    private long _compared, _agreed;

    public int ChampionVersion { get; } = championVersion;

    public int ChallengerVersion { get; } = challengerVersion;

    public DateTimeOffset Started { get; } = started;

    public VariantFigures Champion { get; } = new();

    public VariantFigures Challenger { get; } = new();

    /// <summary>Serializes rollback decisions so one generation is rolled back once.</summary>
    public object Deciding { get; } = new();

    public bool RolledBack => Volatile.Read(ref _rolledBack) == 1;

    public Rollback? Rollback { get; private set; }

    /// <summary>Rows both sides scored (shadow), and on how many their predicted labels agreed.</summary>
    public (long Compared, long Agreed) Agreement => (Interlocked.Read(ref _compared), Interlocked.Read(ref _agreed));

    public void Compared(int rows, int agreed)
    {
        Interlocked.Add(ref _compared, rows);
        Interlocked.Add(ref _agreed, agreed);
    }

    /// <summary>Marks the generation rolled back; false when it already was.</summary>
    public bool MarkRolledBack(Rollback rollback)
    {
        if (Interlocked.Exchange(ref _rolledBack, 1) == 1) return false;
        Rollback = rollback;
        return true;
    }
}

/// <summary>A canary rolled back: the versions, when, which rule and why, with the figures of both sides at that moment.</summary>
internal sealed record Rollback(int ChampionVersion, int ChallengerVersion, DateTimeOffset At, string Rule, string Reason, VariantSnapshot Champion, VariantSnapshot Challenger);

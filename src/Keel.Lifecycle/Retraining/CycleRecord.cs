namespace Keel.Lifecycle.Retraining;

/// <summary>The record of a cycle kept in the store and its audit log: when, what fired, what blocked, what was done and why.</summary>
public sealed record CycleRecord(
    DateTimeOffset At, int Champion, string Action, IReadOnlyList<RetrainingCheck> Triggers, IReadOnlyList<RetrainingCheck> Limits,
    int? Challenger, string? Window, ComparisonResult? Comparison, string Summary)
{
    public static CycleRecord From(RetrainingCycleResult r) => new(
        r.At, r.ChampionVersion, r.Action.ToString(), r.Decision.Triggers, r.Decision.Limits, r.ChallengerVersion, r.Window, r.Comparison, r.Summary);
}

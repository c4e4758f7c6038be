namespace Keel.Lifecycle.Retraining;

/// <summary>Which triggers fired and which limits blocked; retrain when a trigger fired and no limit blocked.</summary>
public sealed record RetrainingDecision(IReadOnlyList<RetrainingCheck> Triggers, IReadOnlyList<RetrainingCheck> Limits)
{
    public IEnumerable<RetrainingCheck> Fired => Triggers.Where(t => t.Hit);

    public IEnumerable<RetrainingCheck> Blocking => Limits.Where(l => l.Hit);

    public bool Retrain => Fired.Any() && !Blocking.Any();

    /// <summary>One sentence for a report or the audit log.</summary>
    public string Summary => !Fired.Any()
        ? "No trigger fired: " + string.Join(" ", Triggers.Select(t => t.Reason))
        : Blocking.Any()
            ? "A trigger fired (" + string.Join(" ", Fired.Select(t => t.Reason)) + ") but a limit blocked the retraining: " + string.Join(" ", Blocking.Select(l => l.Reason))
            : "Retraining, because " + string.Join(" ", Fired.Select(t => t.Reason));
}

namespace Keel.Lifecycle.Retraining;

/// <summary>The tags the lifecycle keeps in the store; every set or removal is audited by the store with its value.</summary>
public static class LifecycleTags
{
    /// <summary>Model tag: the retraining policy's YAML.</summary>
    public const string Policy = "keel.retraining_policy";

    /// <summary>Model tag: the last cycle's record (JSON); its audit entries are the history of cycles.</summary>
    public const string LastCycle = "keel.lifecycle.last_cycle";

    /// <summary>Version tag: when a cycle trained this version (ISO 8601), which the retrains-per-day limit counts.</summary>
    public const string RetrainedAt = "keel.lifecycle.retrained_at";

    /// <summary>Version tag: the comparison with the champion (JSON).</summary>
    public const string Comparison = "keel.lifecycle.comparison";

    /// <summary>Version tag: a promotion awaiting a deployer (JSON); removed on approval or rejection.</summary>
    public const string Pending = "keel.lifecycle.pending";

    /// <summary>Version tag: the deployer's decision on a pending promotion (JSON: approved or rejected, by whom, when, why).</summary>
    public const string Decision = "keel.lifecycle.decision";
}

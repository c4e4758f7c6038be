namespace Keel.Lifecycle.Retraining;

/// <summary>What a retraining cycle did in the end.</summary>
public enum CycleAction
{
    /// <summary>No trigger fired; nothing was trained.</summary>
    NothingFired,

    /// <summary>A trigger fired but a limit blocked the retraining.</summary>
    Blocked,

    /// <summary>A challenger was trained but did not beat the champion by the margin; it stays the challenger.</summary>
    KeptChampion,

    /// <summary>The challenger won and was promoted to champion through the promotion gate.</summary>
    Promoted,

    /// <summary>The challenger won; its promotion awaits a deployer's approval.</summary>
    AwaitingApproval,

    /// <summary>The challenger won but the model's promotion policy refused it; it stays the challenger.</summary>
    GateRefused,
}

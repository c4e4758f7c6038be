namespace Keel.Lifecycle.Retraining;

/// <summary>Who promotes a challenger that beat the champion.</summary>
public enum ApprovalMode
{
    /// <summary>The cycle promotes it through the promotion gate at once.</summary>
    Automatic,

    /// <summary>The cycle records a pending promotion that a deployer accepts or rejects (<c>keel lifecycle approve|reject</c>).</summary>
    Human,
}

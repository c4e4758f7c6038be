namespace Keel.Lifecycle.Retraining;

/// <summary>How a challenger is judged against the champion, on the same most recent labelled rows.</summary>
public sealed record ChallengerSettings
{
    /// <summary>The metric compared (Keel's names); null for the task's default (roc_auc, log_loss, rmse). The default value is null.</summary>
    public string? Metric { get; init; }

    /// <summary>
    /// How much better the challenger must be, in the metric's units (for metrics where lower is better, how much
    /// lower). The default value is 0.01.
    /// </summary>
    public double Margin { get; init; } = 0.01;

    /// <summary>The most recent labelled rows held out from the challenger's training and used for the comparison. The default value is 2000.</summary>
    public int EvaluationRows { get; init; } = 2000;

    /// <summary>Who promotes a challenger that wins. The default value is <see cref="ApprovalMode.Human"/>.</summary>
    public ApprovalMode Approval { get; init; } = ApprovalMode.Human;

    /// <summary>Bootstrap resamples for the intervals of the comparison. The default value is 1000.</summary>
    public int Resamples { get; init; } = 1000;

    /// <summary>The seed of the bootstrap. The default value is 42.</summary>
    public int Seed { get; init; } = 42;
}

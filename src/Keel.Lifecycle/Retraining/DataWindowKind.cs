namespace Keel.Lifecycle.Retraining;

/// <summary>Which rows a challenger is trained on; the most recent labelled rows are always held out for the comparison.</summary>
public enum DataWindowKind
{
    /// <summary>The most recent <c>recent_rows</c> labelled rows only: the model forgets what no longer holds.</summary>
    Sliding,

    /// <summary>The original training data (when given) and every labelled row since: the model forgets nothing.</summary>
    Expanding,

    /// <summary>The original training data and the most recent <c>recent_rows</c> labelled rows, each counted <c>recent_weight</c> times.</summary>
    OriginalPlusRecent,
}

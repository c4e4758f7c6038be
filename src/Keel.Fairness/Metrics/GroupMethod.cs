namespace Keel.Fairness.Metrics;

/// <summary>How a difference or ratio compares the groups (Fairlearn's <c>method</c> parameter).</summary>
public enum GroupMethod
{
    /// <summary>Largest minus smallest group value; smallest over largest for a ratio (<c>between_groups</c>).</summary>
    BetweenGroups,

    /// <summary>The largest |group − overall|; for a ratio the smallest of group/overall, each taken below 1 (<c>to_overall</c>).</summary>
    ToOverall,
}

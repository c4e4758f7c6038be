namespace Keel.Lifecycle.Retraining;

/// <summary>
/// What a retraining decision looks at, measured beforehand (<see cref="RetrainingCycle"/> gathers it from the store
/// and the recent traffic): the champion's age, drift, performance, the retrains already made and the labels that
/// arrived. Null means "not measured"; a trigger that needs it does not fire and says why.
/// </summary>
public sealed record RetrainingState
{
    /// <summary>When the champion version was registered.</summary>
    public required DateTimeOffset ChampionRegisteredAt { get; init; }

    /// <summary>The share of input columns that drifted on recent traffic from the training data.</summary>
    public double? DriftShare { get; init; }

    /// <summary>How many input columns the drift share was measured over.</summary>
    public int DriftColumns { get; init; }

    /// <summary>The message of a data-drift alert the latest monitoring run raised for the champion, if any.</summary>
    public string? DriftAlert { get; init; }

    /// <summary>The performance metric's name.</summary>
    public string? PerformanceMetric { get; init; }

    /// <summary>The champion's registered value of the performance metric (its held-out evaluation at training).</summary>
    public double? RegisteredPerformance { get; init; }

    /// <summary>The champion's value of the metric on recent traffic: realized on labels, or estimated (CBPE).</summary>
    public double? RecentPerformance { get; init; }

    /// <summary>Whether <see cref="RecentPerformance"/> is the CBPE estimate rather than computed on labels.</summary>
    public bool PerformanceEstimated { get; init; }

    /// <summary>How many recent rows <see cref="RecentPerformance"/> was computed (or estimated) on.</summary>
    public int PerformanceRows { get; init; }

    /// <summary>Why the performance could not be measured, when it could not.</summary>
    public string? PerformanceUnavailable { get; init; }

    /// <summary>When earlier cycles retrained this model (any time; the limit counts the last 24 hours).</summary>
    public IReadOnlyList<DateTimeOffset> Retrains { get; init; } = [];

    /// <summary>Labelled rows that arrived since the champion was registered.</summary>
    public int NewLabelledRows { get; init; }

    /// <summary>All labelled rows available for the window and the comparison.</summary>
    public int LabelledRows { get; init; }

    /// <summary>A challenger version that still awaits a deployer's approval, if any.</summary>
    public int? PendingVersion { get; init; }
}

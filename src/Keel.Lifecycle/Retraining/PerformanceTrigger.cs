namespace Keel.Lifecycle.Retraining;

/// <summary>
/// Retrain when <see cref="Metric"/> on recent labelled traffic is worse than the champion's registered value by more
/// than <see cref="MaxDrop"/>. With <see cref="Estimated"/>, a binary model with fewer than <see cref="MinLabels"/>
/// labelled recent rows is judged by the CBPE estimate (NannyML's confidence-based performance estimation) instead.
/// </summary>
public sealed record PerformanceTrigger
{
    /// <summary>The metric (Keel's names, e.g. <c>accuracy</c>, <c>roc_auc</c>); null for the challenger's metric. The default value is null.</summary>
    public string? Metric { get; init; }

    /// <summary>The largest drop allowed, in the metric's units (a rise for metrics where lower is better). Required.</summary>
    public double MaxDrop { get; init; }

    /// <summary>Whether the CBPE estimate may stand in when labels are too few (binary models only). The default value is false.</summary>
    public bool Estimated { get; init; }

    /// <summary>The fewest labelled recent rows the realized metric is computed on. The default value is 200.</summary>
    public int MinLabels { get; init; } = 200;
}

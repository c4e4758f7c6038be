namespace Keel.Fairness.Metrics;

/// <summary>One group of a <see cref="MetricFrame"/>: its name, size, and every metric on its rows.</summary>
public sealed record GroupResult
{
    /// <summary>The group's values joined by ", " in the order of the sensitive features, e.g. "Female, Black".</summary>
    public required string Name { get; init; }

    /// <summary>The group's value of each sensitive feature.</summary>
    public required IReadOnlyList<string> Values { get; init; }

    public required int Count { get; init; }

    /// <summary>Rows whose label is positive; null without labels.</summary>
    public int? Positives { get; init; }

    /// <summary>Rows predicted positive.</summary>
    public required int PredictedPositives { get; init; }

    /// <summary>Each metric by name, with its bootstrap interval when one was computed.</summary>
    public required IReadOnlyDictionary<string, FairnessValue> Metrics { get; init; }

    /// <summary>Why the group is too small to judge; null when it is large enough.</summary>
    public string? SmallGroupWarning { get; init; }

    public FairnessValue this[string metric] =>
        Metrics.TryGetValue(metric, out var v) ? v : throw new KeyNotFoundException($"The metric '{metric}' was not computed; the metrics are {string.Join(", ", Metrics.Keys)}.");
}

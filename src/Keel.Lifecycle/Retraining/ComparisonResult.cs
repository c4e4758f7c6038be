namespace Keel.Lifecycle.Retraining;

/// <summary>
/// The champion and the challenger on the same labelled rows: each one's metric with its bootstrap interval, the
/// improvement (challenger better than champion, in the metric's units: positive is better even where lower values
/// are better) with its paired bootstrap interval, and the verdict with its reason.
/// </summary>
public sealed record ComparisonResult
{
    public required string Metric { get; init; }

    /// <summary>How many labelled rows both models were scored on.</summary>
    public required int Rows { get; init; }

    public required MetricEstimate Champion { get; init; }

    public required MetricEstimate Challenger { get; init; }

    /// <summary>How much better the challenger is (challenger − champion, or champion − challenger where lower is better), with the paired interval.</summary>
    public required MetricEstimate Improvement { get; init; }

    /// <summary>The improvement the policy asks for.</summary>
    public required double Margin { get; init; }

    /// <summary>Bootstrap resamples drawn, and the seed.</summary>
    public required int Resamples { get; init; }

    public required int Seed { get; init; }

    /// <summary>True when the 95 % interval of the improvement lies above 0.</summary>
    public bool IntervalExcludesZero => Improvement.Lower > 0;

    /// <summary>True when the improvement reaches the margin: the challenger may be promoted.</summary>
    public bool Promote => Improvement.Value >= Margin;

    /// <summary>A sentence that gives the numbers and the verdict.</summary>
    public required string Reason { get; init; }
}

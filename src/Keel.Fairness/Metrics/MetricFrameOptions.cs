namespace Keel.Fairness.Metrics;

/// <summary>Options of a <see cref="MetricFrame"/>: the bootstrap intervals and when a group is too small to judge.</summary>
public sealed record MetricFrameOptions
{
    /// <summary>
    /// Bootstrap resamples for the percentile intervals, drawn within each group (stratified: every group keeps its
    /// size). 0 computes no intervals. The default value is 1000.
    /// </summary>
    public int Bootstrap { get; init; } = 1000;

    /// <summary>The intervals' confidence level. The default value is 0.95; the range is (0, 1).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>The seed of the bootstrap; the same seed gives the same intervals. The default value is 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>A group with fewer rows than this is flagged as too small to judge. The default value is 30.</summary>
    public int MinGroupSize { get; init; } = 30;

    /// <summary>
    /// A group with fewer positive labels (or fewer negative labels) than this is flagged: its true and false positive
    /// rates rest on too few rows. Only applies with labels. The default value is 5.
    /// </summary>
    public int MinGroupPositives { get; init; } = 5;

    /// <summary>Every problem with the options, in one message; null when they are valid.</summary>
    public string? Problems()
    {
        var problems = new List<string>();
        if (Bootstrap < 0) problems.Add($"Bootstrap must be 0 (no intervals) or more; it is {Bootstrap}.");
        if (Bootstrap is > 0 and < 20) problems.Add($"Bootstrap must be at least 20 resamples for a percentile interval; it is {Bootstrap}.");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1)) problems.Add($"ConfidenceLevel must be in (0, 1); it is {ConfidenceLevel}.");
        if (MinGroupSize < 0) problems.Add($"MinGroupSize must be 0 or more; it is {MinGroupSize}.");
        if (MinGroupPositives < 0) problems.Add($"MinGroupPositives must be 0 or more; it is {MinGroupPositives}.");
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }
}

using System.Globalization;

namespace Keel.Serving.Rollout;

/// <summary>
/// A safe rollout of a challenger next to a served model: <c>--shadow churn@challenger</c> or <c>--canary
/// churn@challenger --canary-share 0.1</c>, and the thresholds of automatic rollback. The challenger is any registered
/// version, named by alias (followed when it moves, like the champion) or by number. Every option has its default
/// written down; <see cref="Problems"/> lists every problem at once.
/// </summary>
public sealed record RolloutOptions
{
    /// <summary>Shadow or canary.</summary>
    public required RolloutMode Mode { get; init; }

    /// <summary>The challenger: the model's name (one of the served models) and the alias or version that picks it.</summary>
    public required ModelSpec Challenger { get; init; }

    /// <summary>The share of requests a canary answers, above 0 and below 1. The default value is 0.1.</summary>
    public double CanaryShare { get; init; } = 0.1;

    /// <summary>
    /// What keeps a client on one side of a canary: a request header of this name or, when no such header is sent, the
    /// first value of an input of this name. The same key always goes the same way. The default value is none: requests
    /// are spread by their order, exactly <see cref="CanaryShare"/> of them to the challenger.
    /// </summary>
    public string? CanaryKey { get; init; }

    /// <summary>Roll back when the canary's error rate exceeds the champion's by more than this. The default value is 0.02 (0 to 1).</summary>
    public double RollbackErrorRate { get; init; } = 0.02;

    /// <summary>
    /// Roll back when the canary's 95th-percentile latency is more than this many times the champion's (and at least
    /// 1 ms more, so sub-millisecond jitter never decides). The default value is 2 (above 1).
    /// </summary>
    public double RollbackLatencyRatio { get; init; } = 2;

    /// <summary>No rollback decision before the canary has answered this many requests. The default value is 100 (at least 1).</summary>
    public int RollbackMinRequests { get; init; } = 100;

    /// <summary>
    /// Roll back when, on requests whose labels have arrived as feedback, the canary's accuracy is below the champion's
    /// by more than this (classification models). The default value is 0.05 (0 to 1).
    /// </summary>
    public double RollbackMetricDrop { get; init; } = 0.05;

    /// <summary>No decision on accuracy before each side has this many labelled rows. The default value is 30 (at least 1).</summary>
    public int RollbackMinLabels { get; init; } = 30;

    /// <summary>
    /// Shadow requests waiting to be scored; when the queue is full a shadow request is dropped and counted, so the
    /// champion's answers never wait for the challenger. The default value is 1,000 (at least 1).
    /// </summary>
    public int ShadowQueueCapacity { get; init; } = 1_000;

    /// <summary>Requests whose outcome is kept for labels arriving later (a window per side). The default value is 10,000 (at least 100).</summary>
    public int LabelWindow { get; init; } = 10_000;

    /// <summary>Every problem with these options, given the models the server serves.</summary>
    public IEnumerable<string> Problems(IReadOnlyList<ModelSpec> served)
    {
        var flag = Mode == RolloutMode.Shadow ? "--shadow" : "--canary";
        if (served.All(m => m.Name != Challenger.Name))
            yield return $"{flag} {Challenger}: model '{Challenger.Name}' is not served; add it to --models (e.g. --models {Challenger.Name}@champion).";
        else if (served.First(m => m.Name == Challenger.Name).Reference == Challenger.Reference)
            yield return $"{flag} {Challenger}: the challenger is what --models already serves; name another alias or version (e.g. {Challenger.Name}@challenger).";
        if (Mode == RolloutMode.Canary && !(CanaryShare > 0 && CanaryShare < 1))
            yield return $"--canary-share must be above 0 and below 1; it is {Text(CanaryShare)}.";
        if (CanaryKey is { } key && string.IsNullOrWhiteSpace(key))
            yield return "--canary-key is empty; give a request header or an input name, e.g. --canary-key customerID.";
        if (!(RollbackErrorRate >= 0 && RollbackErrorRate <= 1)) yield return $"--rollback-error-rate must be between 0 and 1; it is {Text(RollbackErrorRate)}.";
        if (!(RollbackLatencyRatio > 1) || double.IsInfinity(RollbackLatencyRatio)) yield return $"--rollback-latency-ratio must be a number above 1; it is {Text(RollbackLatencyRatio)}.";
        if (RollbackMinRequests < 1) yield return $"--rollback-min-requests must be at least 1; it is {RollbackMinRequests}.";
        if (!(RollbackMetricDrop >= 0 && RollbackMetricDrop <= 1)) yield return $"--rollback-metric-drop must be between 0 and 1; it is {Text(RollbackMetricDrop)}.";
        if (RollbackMinLabels < 1) yield return $"--rollback-min-labels must be at least 1; it is {RollbackMinLabels}.";
        if (ShadowQueueCapacity < 1) yield return $"--shadow-queue must be at least 1; it is {ShadowQueueCapacity}.";
        if (LabelWindow < 100) yield return $"--rollout-label-window must be at least 100; it is {LabelWindow}.";
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}

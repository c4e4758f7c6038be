namespace Keel.Serving.Rollout;

/// <summary>
/// What one side of a rollout (the champion, or the shadow or canary challenger) did so far: requests, failures, the
/// 95th-percentile latency of its recent requests, rows whose label has arrived and how many it got right, and the
/// accuracy its own probabilities expect (the mean of each row's highest class probability; NaN for regression).
/// </summary>
internal sealed record VariantSnapshot(long Requests, long Errors, double LatencyP95Ms, long Labelled, long Correct, double ExpectedAccuracy)
{
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;

    /// <summary>Accuracy on the labelled rows; NaN before any label arrived.</summary>
    public double Accuracy => Labelled == 0 ? double.NaN : (double)Correct / Labelled;
}

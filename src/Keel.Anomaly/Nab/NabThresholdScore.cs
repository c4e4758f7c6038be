namespace Keel.Anomaly.Nab;

/// <summary>
/// NAB's <c>ThresholdScore</c>: the raw score when every row whose anomaly score is at least <see cref="Threshold"/> is
/// a detection, and the row counts (true and false positives, true and false negatives) behind it.
/// </summary>
public sealed record NabThresholdScore(double Threshold, double Score, int TruePositives, int TrueNegatives, int FalsePositives, int FalseNegatives)
{
    /// <summary>The rows counted (those outside the probationary period).</summary>
    public int Total => TruePositives + TrueNegatives + FalsePositives + FalseNegatives;
}

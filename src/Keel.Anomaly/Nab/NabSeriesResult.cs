namespace Keel.Anomaly.Nab;

/// <summary>
/// One series under one profile at the corpus's threshold: the detector's raw NAB score and counts, the null
/// detector's and the perfect detector's raw scores, and the normalised score 100 × (raw − null) / (perfect − null)
/// (null for a series without windows, where the perfect and null detectors score the same).
/// </summary>
public sealed record NabSeriesResult(string Name, int Windows, NabThresholdScore Score, double NullScore, double PerfectScore)
{
    public double? NormalizedScore => PerfectScore == NullScore ? null : NabBenchmark.Normalize(Score.Score, NullScore, PerfectScore);
}

namespace Keel.Anomaly.Streaming;

/// <summary>Runs a detector over a series in order, test-then-learn: each point is scored against the points before it, then learned.</summary>
public static class AnomalyStream
{
    /// <summary>The score of every point, in order; the detector is left having learned them all.</summary>
    public static double[] Score(IStreamingAnomalyDetector detector, IReadOnlyList<SeriesPoint> points)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(points);
        var scores = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            scores[i] = detector.Score(points[i]);
            detector.Learn(points[i]);
        }
        return scores;
    }
}

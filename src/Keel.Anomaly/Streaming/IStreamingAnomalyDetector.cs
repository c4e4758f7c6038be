namespace Keel.Anomaly.Streaming;

/// <summary>
/// A detector that learns a time series online and scores each point, in River's style (<c>score_one</c> then
/// <c>learn_one</c>): <see cref="Score"/> a point against what was learned so far, then <see cref="Learn"/> it. Scores
/// are anomaly likelihoods in [0, 1]; higher is more anomalous. A detector is not thread-safe: one caller at a time.
/// </summary>
public interface IStreamingAnomalyDetector
{
    /// <summary>The detector's name on the command line (<c>seasonal</c>, <c>hst</c>, <c>gaussian</c>, <c>entropy</c>).</summary>
    string Name { get; }

    /// <summary>How many points the detector has learned since it was created or reset.</summary>
    long Learned { get; }

    /// <summary>The anomaly likelihood of <paramref name="point"/> in [0, 1] given the points learned so far; 0 while warming up. Does not change the detector.</summary>
    double Score(SeriesPoint point);

    /// <summary>Takes <paramref name="point"/> into what the detector knows.</summary>
    void Learn(SeriesPoint point);

    /// <summary>Returns the detector to the state it was created in.</summary>
    void Reset();
}

namespace Keel.Anomaly.Nab;

/// <summary>
/// A detector's NAB result under one profile: the threshold that maximised its raw score over the corpus, the total raw
/// score at it, the null detector's (no detections) and the perfect detector's (A_TP per window) totals, the normalised
/// score 100 × (raw − null) / (perfect − null), and every series' part.
/// </summary>
public sealed record NabResult(NabProfile Profile, double Threshold, double RawScore, double NullScore, double PerfectScore, IReadOnlyList<NabSeriesResult> Series)
{
    public double NormalizedScore => NabBenchmark.Normalize(RawScore, NullScore, PerfectScore);
}

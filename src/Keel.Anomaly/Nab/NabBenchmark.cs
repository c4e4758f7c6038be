namespace Keel.Anomaly.Nab;

/// <summary>
/// NAB's benchmark over a corpus (numenta/NAB <c>nab/optimizer.py</c>, <c>nab/scorer.py</c> and the normalisation of
/// <c>nab/runner.py</c>): the threshold is the one that maximises the detector's raw score over every series together;
/// each series is scored at it; the total is normalised against the null detector (a constant 0.5 score, optimised and
/// scored the same way, which makes no detection) and the perfect detector (A_TP for every labelled window):
/// 100 × (raw − null) / (perfect − null).
/// </summary>
/// <example>
/// <code>
/// var result = NabBenchmark.Evaluate(corpus, scoresPerSeries, NabProfile.Standard);
/// Console.WriteLine($"{result.NormalizedScore:0.0} at threshold {result.Threshold}");
/// </code>
/// </example>
public static class NabBenchmark
{
    /// <summary>NAB's normalisation: 100 × (raw − null) / (perfect − null).</summary>
    public static double Normalize(double raw, double nullScore, double perfect) => 100.0 * (raw - nullScore) / (perfect - nullScore);

    /// <summary>The detector's result on <paramref name="corpus"/>; <paramref name="scores"/> holds each series' anomaly scores, row by row.</summary>
    public static NabResult Evaluate(IReadOnlyList<NabSeries> corpus, IReadOnlyList<IReadOnlyList<double>> scores, NabProfile profile, double probationPercent = 0.15)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(scores);
        if (corpus.Count != scores.Count) throw new ArgumentException($"The corpus has {corpus.Count} series but {scores.Count} score lists were given.", nameof(scores));
        var sweeper = new NabSweeper(profile, probationPercent);
        var detector = Run(sweeper, corpus, scores);
        var constant = corpus.Select(s => (IReadOnlyList<double>)Enumerable.Repeat(0.5, s.Timestamps.Count).ToArray()).ToList();
        var nullDetector = Run(sweeper, corpus, constant);
        var series = corpus.Select((s, i) => new NabSeriesResult(s.Name, s.Windows.Count, detector.PerSeries[i], nullDetector.PerSeries[i].Score,
            profile.TruePositiveWeight * s.Windows.Count)).ToList();
        return new NabResult(profile, detector.Threshold, detector.PerSeries.Sum(r => r.Score), nullDetector.PerSeries.Sum(r => r.Score),
            profile.TruePositiveWeight * corpus.Sum(s => s.Windows.Count), series);
    }

    /// <summary>NAB's optimisation (the best threshold over the corpus; the first of equal scores) and the scoring of each series at it.</summary>
    private static (double Threshold, IReadOnlyList<NabThresholdScore> PerSeries) Run(NabSweeper sweeper, IReadOnlyList<NabSeries> corpus, IReadOnlyList<IReadOnlyList<double>> scores)
    {
        var points = corpus.Select((s, i) => sweeper.Sweep(s.Timestamps, scores[i], s.Windows, s.Name)).ToList();
        NabThresholdScore? best = null;
        foreach (var row in sweeper.ScoresByThreshold(points.SelectMany(p => p)))
            if (best is null || row.Score > best.Score) best = row;
        var threshold = best!.Threshold;
        return (threshold, points.Select(p => sweeper.ScoreAt(p, threshold)).ToList());
    }
}

namespace Keel.Anomaly.Nab;

/// <summary>
/// NAB's scoring function (numenta/NAB <c>nab/sweeper.py</c>, Lavin and Ahmad 2015). Each row earns, if it is a
/// detection, a score by its place relative to the labelled windows: inside a window, A_TP × σₛ(position) / σₛ(−1)
/// where position runs from −1 at the window's left edge to 0 just after its right edge and
/// σₛ(p) = 2 / (1 + e^(5p)) − 1, so an early detection earns about A_TP and a late one about 0; outside, A_FP ×
/// σₛ(distance past the previous window's right edge, in window widths) (−A_FP before any window or far after one).
/// A window counts only its best detection; a window without any costs A_FN; every false positive counts. Rows of the
/// probationary period (the first 15 % of a series, at most 750 rows) are never scored.
/// </summary>
/// <example>
/// <code>
/// var sweeper = new NabSweeper(NabProfile.Standard);
/// var points = sweeper.Sweep(timestamps, scores, windows, "realKnownCause/nyc_taxi.csv");
/// var best = sweeper.ScoresByThreshold(points).MaxBy(s => s.Score);   // NAB's threshold optimisation, for one series
/// var atHalf = sweeper.ScoreAt(points, 0.5);                          // NAB's score at a given threshold
/// </code>
/// </example>
public sealed class NabSweeper
{
    public NabSweeper(NabProfile profile, double probationPercent = 0.15)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!(probationPercent is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(probationPercent), probationPercent, "The probationary share is between 0 and 1.");
        Profile = profile;
        ProbationPercent = probationPercent;
    }

    public NabProfile Profile { get; }

    /// <summary>The share of each series not scored at its start. NAB's value is 0.15.</summary>
    public double ProbationPercent { get; }

    /// <summary>NAB's <c>scaledSigmoid</c>: 2·sigmoid(−5p) − 1, and −1 beyond p = 3.</summary>
    public static double ScaledSigmoid(double relativePosition) =>
        relativePosition > 3.0 ? -1.0 : 2.0 / (1.0 + Math.Exp(5.0 * relativePosition)) - 1.0;

    /// <summary>NAB's probationary length: min(⌊share × rows⌋, share × 5000).</summary>
    public double ProbationaryLength(int rows) => Math.Min(Math.Floor(ProbationPercent * rows), ProbationPercent * 5000);

    /// <summary>
    /// NAB's <c>calcSweepScore</c>: every row of one series with its anomaly score, the score it earns as a detection,
    /// and its window (named <c>series|start</c>). Every window's start and end must be timestamps of the series.
    /// </summary>
    public IReadOnlyList<NabPoint> Sweep(IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> anomalyScores, IReadOnlyList<NabWindow> windows, string seriesName)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(anomalyScores);
        ArgumentNullException.ThrowIfNull(windows);
        if (timestamps.Count != anomalyScores.Count)
            throw new ArgumentException($"{seriesName}: {timestamps.Count} timestamps but {anomalyScores.Count} anomaly scores.", nameof(anomalyScores));
        var index = new Dictionary<DateTime, int>(timestamps.Count);
        for (var i = 0; i < timestamps.Count; i++) index.TryAdd(timestamps[i], i);
        foreach (var w in windows)
            foreach (var edge in new[] { w.Start, w.End })
                if (!index.ContainsKey(edge))
                    throw new ArgumentException($"{seriesName}: the window {w.Start:yyyy-MM-dd HH:mm:ss} to {w.End:yyyy-MM-dd HH:mm:ss} has an edge ({edge:yyyy-MM-dd HH:mm:ss}) that is not a timestamp of the series.", nameof(windows));

        var maxTruePositive = ScaledSigmoid(-1.0);
        var probationary = ProbationaryLength(timestamps.Count);
        var pending = new Queue<NabWindow>(windows);
        var points = new NabPoint[timestamps.Count];
        NabWindow? current = null;
        string? currentName = null;
        int currentRight = 0, previousRight = -1;
        double currentWidth = 0, previousWidth = 0;
        for (var i = 0; i < timestamps.Count; i++)
        {
            var time = timestamps[i];
            if (pending.Count > 0 && time == pending.Peek().Start)
            {
                current = pending.Dequeue();
                currentName = $"{seriesName}|{current.Start:yyyy-MM-dd HH:mm:ss.ffffff}";
                currentRight = index[current.End];
                currentWidth = currentRight - index[current.Start] + 1;
            }
            double weighted;
            if (current is not null)
            {
                var position = -(currentRight - i + 1) / currentWidth;
                weighted = ScaledSigmoid(position) * Profile.TruePositiveWeight / maxTruePositive;
            }
            else
            {
                var unweighted = previousRight < 0 ? -1.0 : ScaledSigmoid(Math.Abs(previousRight - i) / (previousWidth - 1));
                weighted = unweighted * Profile.FalsePositiveWeight;
            }
            points[i] = new NabPoint(time, anomalyScores[i], weighted, i >= probationary ? currentName : NabPoint.Probationary);
            if (current is not null && time == current.End)
            {
                previousRight = i;
                previousWidth = currentWidth;
                current = null;
                currentName = null;
            }
        }
        return points;
    }

    /// <summary>
    /// NAB's <c>calcScoreByThreshold</c>: the score and counts at every distinct anomaly score, highest first, starting
    /// at 1.1 (no detection). Takes the points of one series or of a whole corpus (window names keep them apart).
    /// </summary>
    public IReadOnlyList<NabThresholdScore> ScoresByThreshold(IEnumerable<NabPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var scorable = points.Where(p => p.Window != NabPoint.Probationary).OrderByDescending(p => p.AnomalyScore).ToList();
        // One part for all false positives, then one per window, starting as a miss; summed in this order, as NAB does.
        var parts = new Dictionary<string, double>(StringComparer.Ordinal) { [""] = 0.0 };
        foreach (var p in scorable)
            if (p.Window is { } w) parts[w] = -Profile.FalseNegativeWeight;
        var result = new List<NabThresholdScore>();
        var threshold = 1.1;
        int tn = scorable.Count(p => p.Window is null), fn = scorable.Count - tn, tp = 0, fp = 0;
        foreach (var p in scorable)
        {
            if (p.AnomalyScore != threshold)
            {
                result.Add(new NabThresholdScore(threshold, Sum(parts), tp, tn, fp, fn));
                threshold = p.AnomalyScore;
            }
            if (p.Window is { } window)
            {
                tp++;
                fn--;
                parts[window] = Math.Max(parts[window], p.SweepScore);
            }
            else
            {
                fp++;
                tn--;
                parts[""] += p.SweepScore;
            }
        }
        result.Add(new NabThresholdScore(threshold, Sum(parts), tp, tn, fp, fn));
        return result;
    }

    /// <summary>
    /// NAB's <c>scoreDataSet</c>: the score when every row scoring at least <paramref name="threshold"/> is a detection.
    /// (Where every row scores above the threshold NAB finds no row; the last row, every row a detection, is the answer.)
    /// </summary>
    public NabThresholdScore ScoreAt(IEnumerable<NabPoint> points, double threshold)
    {
        var rows = ScoresByThreshold(points);
        NabThresholdScore? previous = null;
        foreach (var row in rows)
        {
            if (row.Threshold == threshold) return row;
            if (row.Threshold < threshold) return previous ?? row;
            previous = row;
        }
        return rows[^1];
    }

    private static double Sum(Dictionary<string, double> parts)
    {
        var sum = 0.0;
        foreach (var value in parts.Values) sum += value;
        return sum;
    }
}

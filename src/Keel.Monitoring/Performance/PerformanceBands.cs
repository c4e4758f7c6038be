using Keel.Learn.Evaluation;

namespace Keel.Monitoring.Performance;

/// <summary>
/// Alert bands from the reference: per metric, the mean of the reference windows ± a multiple of their standard
/// deviation (NannyML's standard-deviation thresholds). A window alerts when a metric leaves its band on the bad
/// side: below it for metrics where higher is better, above it for errors.
/// </summary>
public static class PerformanceBands
{
    /// <summary>Consecutive windows of <paramref name="size"/> rows; a last window shorter than half the size joins the one before.</summary>
    public static IReadOnlyList<(int Start, int Rows)> Windows(int rows, int size)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "A window needs at least one row.");
        var windows = new List<(int, int)>();
        for (var start = 0; start < rows; start += size) windows.Add((start, Math.Min(size, rows - start)));
        if (windows.Count > 1 && windows[^1].Item2 * 2 < size)
        {
            var lastRows = windows[^1].Item2;
            windows.RemoveAt(windows.Count - 1);
            windows[^1] = (windows[^1].Item1, windows[^1].Item2 + lastRows);
        }
        return windows;
    }

    /// <summary>Per metric, mean ± <paramref name="width"/> standard deviations (sample, n − 1) of the reference windows; needs two windows.</summary>
    public static IReadOnlyDictionary<string, (double Lower, double Upper)> From(IReadOnlyList<IReadOnlyDictionary<string, double>> reference, double width)
    {
        var bands = new Dictionary<string, (double, double)>();
        if (reference.Count < 2) return bands;
        foreach (var name in reference[0].Keys)
        {
            var values = reference.Select(r => r.TryGetValue(name, out var v) ? v : double.NaN).Where(double.IsFinite).ToArray();
            if (values.Length < 2) continue;
            var mean = values.Average();
            var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
            bands[name] = (mean - width * sd, mean + width * sd);
        }
        return bands;
    }

    /// <summary>The metrics that left their band on the bad side.</summary>
    public static IReadOnlyList<string> Alerts(IReadOnlyDictionary<string, double> metrics, IReadOnlyDictionary<string, (double Lower, double Upper)> bands) =>
        metrics.Where(m => bands.TryGetValue(m.Key, out var band) && double.IsFinite(m.Value)
                && (MetricNames.HigherIsBetter(m.Key) ? m.Value < band.Lower : m.Value > band.Upper))
            .Select(m => m.Key).ToArray();
}

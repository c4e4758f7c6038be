using System.Globalization;
using Keel.Data;
using Keel.Learn;
using Keel.Learn.Evaluation;
using Keel.Learn.Models;
using Keel.Monitoring.Drift;

namespace Keel.Lifecycle.Retraining;

/// <summary>
/// Scores the champion and the challenger on the same labelled rows (the most recent ones, which the challenger did
/// not train on) and decides whether the challenger is better by the policy's margin. Each metric has a 95 %
/// percentile bootstrap interval and the improvement a paired one: every resample draws the same rows for both models,
/// so the interval reflects the difference and not the two models' separate noise. Resamples are drawn as NumPy's
/// <c>RandomState(seed).randint(0, n, n)</c> does, so a NumPy script reproduces the intervals draw for draw;
/// resamples where the metric is undefined (ROC AUC with one class) are skipped.
/// </summary>
/// <example>
/// <code>
/// var result = ChallengerComparison.Compare(champion, challenger, recentLabelled, new ChallengerSettings { Metric = "accuracy", Margin = 0.01 });
/// // result.Reason: "On the 2,000 most recent labelled rows, accuracy is 0.8120 (0.7945 – 0.8290) for the challenger
/// //  and 0.7710 (...) for the champion: the challenger is better by 0.0410 (0.0255 – 0.0570), at least the margin 0.01,
/// //  and the interval excludes 0. Verdict: promote."
/// </code>
/// </example>
public static class ChallengerComparison
{
    public static ComparisonResult Compare(Model champion, Model challenger, Table labelled, ChallengerSettings settings, string rowsName = "most recent labelled rows")
    {
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(challenger);
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(settings);
        var metric = settings.Metric ?? MetricNames.DefaultFor(champion.Target.Task);
        var a = champion.Target.Encode(labelled);
        var b = challenger.Target.Encode(labelled);
        var keep = Enumerable.Range(0, labelled.RowCount).Where(i => Known(champion.Target, a[i]) && Known(challenger.Target, b[i])).ToArray();
        if (keep.Length < 20)
            throw new KeelLearnException($"Only {keep.Length} of the {labelled.RowCount} comparison rows have a label both models know; the comparison needs at least 20.");
        var rows = keep.Length == labelled.RowCount ? labelled : labelled.Take(keep);
        var championMetric = RowMetric.For(metric, champion.Target, keep.Select(i => a[i]).ToArray(), champion.Predict(rows), champion.Threshold);
        var challengerMetric = RowMetric.For(metric, challenger.Target, keep.Select(i => b[i]).ToArray(), challenger.Predict(rows), challenger.Threshold);
        return Compare(metric, keep.Length, championMetric, challengerMetric, settings, rowsName);
    }

    /// <summary>The comparison of two metric functions over the same <paramref name="rows"/> rows (the computing core, pinned to NumPy).</summary>
    internal static ComparisonResult Compare(string metric, int rows, Func<int[], double> champion, Func<int[], double> challenger, ChallengerSettings settings, string rowsName)
    {
        var all = Enumerable.Range(0, rows).ToArray();
        var sign = MetricNames.HigherIsBetter(metric) ? 1.0 : -1.0;
        var championValue = champion(all);
        var challengerValue = challenger(all);
        if (!double.IsFinite(championValue) || !double.IsFinite(challengerValue))
            throw new KeelLearnException($"{metric} is undefined on the {rows} comparison rows (for ROC AUC both classes must be present); choose another challenger.metric or more evaluation_rows.");

        var random = new Mt19937((uint)settings.Seed);
        var championDraws = new List<double>(settings.Resamples);
        var challengerDraws = new List<double>(settings.Resamples);
        var differences = new List<double>(settings.Resamples);
        var sample = new int[rows];
        for (var r = 0; r < settings.Resamples; r++)
        {
            for (var i = 0; i < rows; i++) sample[i] = (int)random.Interval((uint)(rows - 1));
            var x = champion(sample);
            var y = challenger(sample);
            if (!double.IsFinite(x) || !double.IsFinite(y)) continue;
            championDraws.Add(x);
            challengerDraws.Add(y);
            differences.Add(sign * (y - x));
        }
        var improvement = sign * (challengerValue - championValue);
        var result = new ComparisonResult
        {
            Metric = metric,
            Rows = rows,
            Champion = Estimate(championValue, championDraws),
            Challenger = Estimate(challengerValue, challengerDraws),
            Improvement = Estimate(improvement, differences),
            Margin = settings.Margin,
            Resamples = settings.Resamples,
            Seed = settings.Seed,
            Reason = "",
        };
        return result with { Reason = Reason(result, rowsName) };
    }

    private static bool Known(Target target, double label) =>
        !double.IsNaN(label) && (target.Task == TaskKind.Regression || label >= 0);

    private static MetricEstimate Estimate(double value, List<double> draws)
    {
        if (draws.Count == 0) return new MetricEstimate(value, double.NaN, double.NaN);
        var sorted = draws.Order().ToArray();
        return new MetricEstimate(value, Percentile(sorted, 0.025), Percentile(sorted, 0.975));
    }

    /// <summary>NumPy's default (linear) percentile.</summary>
    private static double Percentile(double[] sorted, double q)
    {
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static string Reason(ComparisonResult r, string rowsName)
    {
        var better = r.Improvement.Value >= 0 ? "better" : "worse";
        var interval = r.IntervalExcludesZero ? "the interval excludes 0"
            : r.Improvement.Upper < 0 ? "the interval lies below 0"
            : "the interval includes 0, so the difference may be chance";
        var verdict = r.Promote
            ? $"at least the margin {F(r.Margin)}, and {interval}. Verdict: promote."
            : $"short of the margin {F(r.Margin)} ({interval}). Verdict: it stays a challenger.";
        return string.Create(CultureInfo.InvariantCulture,
            $"On the {r.Rows:N0} {rowsName}, {r.Metric} is {F(r.Challenger.Value)} ({F(r.Challenger.Lower)} – {F(r.Challenger.Upper)}) for the challenger and {F(r.Champion.Value)} ({F(r.Champion.Lower)} – {F(r.Champion.Upper)}) for the champion: the challenger is {better} by {F(Math.Abs(r.Improvement.Value))} (improvement interval {F(r.Improvement.Lower)} – {F(r.Improvement.Upper)}), {verdict}");
    }

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}

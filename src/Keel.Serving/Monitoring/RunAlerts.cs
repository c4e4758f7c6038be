using System.Globalization;
using System.Text.Json;
using Keel.Learn.Evaluation;
using Keel.Monitoring;
using Keel.Monitoring.Performance;
using Keel.Store;

namespace Keel.Serving.Monitoring;

/// <summary>
/// The alerts of one monitoring run: one when the data set drifted (the shifted inputs named), one per data-quality
/// problem kind and column, and one per performance metric
/// that left its reference band (realized and estimated apart), however many windows showed it; the message names
/// the first window's finding and how many windows had it.
/// </summary>
internal static class RunAlerts
{
    public static IReadOnlyList<Alert> From(MonitoringResult result, string model, int version, DateTimeOffset at, bool driftAlerts = true)
    {
        var alerts = new List<Alert>();
        var windows = result.Quality.Count;
        foreach (var group in result.Quality.SelectMany(w => w.Issues).GroupBy(i => (i.Kind, i.Column)))
        {
            var count = group.Count();
            var message = count > 1 && windows > 1 ? $"{group.First().Message} ({count} of {windows} windows)" : group.First().Message;
            alerts.Add(new Alert(model, version, Kind(group.Key.Kind.ToString()), group.Key.Column, message, at));
        }
        if (driftAlerts && result.Drift is { Drifted: true } drift)
        {
            var shifted = drift.Columns.Where(c => c.Drifted).OrderByDescending(ModelMonitor.Severity).Select(c => c.Column).ToArray();
            alerts.Add(new Alert(model, version, "data_drift", null, string.Create(CultureInfo.InvariantCulture,
                $"{shifted.Length} of {drift.Columns.Count} inputs have shifted ({drift.DriftedShare:P0}, at or above {drift.DriftShare:P0}) against {(result.DriftMode == "profile" ? "the training profile" : "the reference")}: {string.Join(", ", shifted.Take(5))}{(shifted.Length > 5 ? ", ..." : "")}."), at));
        }
        Performance(alerts, result.Realized, "realized_performance", "Realized", model, version, at);
        Performance(alerts, result.Estimated, "estimated_performance", "Estimated (CBPE)", model, version, at);
        return alerts;
    }

    private static void Performance(List<Alert> alerts, IReadOnlyList<PerformanceChunk> chunks, string kind, string what, string model, int version, DateTimeOffset at)
    {
        foreach (var metric in chunks.SelectMany(c => c.Alerts).Distinct(StringComparer.Ordinal))
        {
            var higherIsBetter = MetricNames.HigherIsBetter(metric);
            var alerting = chunks.Where(c => c.Alerts.Contains(metric)).ToArray();
            var worst = higherIsBetter ? alerting.MinBy(c => c.Metrics[metric])! : alerting.MaxBy(c => c.Metrics[metric])!;
            var (lower, upper) = worst.Band[metric];
            var message = string.Create(CultureInfo.InvariantCulture,
                $"{what} {metric} is {worst.Metrics[metric]:0.000} in window {worst.Index + 1} (rows {worst.Start + 1:N0} to {worst.Start + worst.Rows:N0}), {(higherIsBetter ? "below" : "above")} the reference band {lower:0.000} to {upper:0.000}");
            message += alerting.Length > 1 ? $"; {alerting.Length} of {chunks.Count} windows left the band." : ".";
            alerts.Add(new Alert(model, version, kind, metric, message, at));
        }
    }

    /// <summary>UnseenCategories → unseen_categories.</summary>
    internal static string Kind(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}

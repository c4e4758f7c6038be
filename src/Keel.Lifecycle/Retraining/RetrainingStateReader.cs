using System.Globalization;
using System.Text.Json;
using Keel.Data;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Evaluation;
using Keel.Monitoring.Drift;
using Keel.Monitoring.Performance;
using Keel.Store;

namespace Keel.Lifecycle.Retraining;

/// <summary>Measures the <see cref="RetrainingState"/> of a champion: drift and performance on recent traffic, earlier retrains, pending approvals.</summary>
internal static class RetrainingStateReader
{
    public static RetrainingState Read(IKeelStore store, RetrainingPolicy policy, ModelVersion champion, ModelBundle bundle, RecentTraffic traffic)
    {
        var retrains = new List<DateTimeOffset>();
        int? pending = null;
        foreach (var version in store.ListVersions(champion.Model))
        {
            var tags = store.GetVersionTags(champion.Model, version.Version);
            if (tags.TryGetValue(LifecycleTags.RetrainedAt, out var at) && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
                retrains.Add(when);
            if (tags.ContainsKey(LifecycleTags.Pending)) pending = version.Version;
        }
        var state = new RetrainingState
        {
            ChampionRegisteredAt = champion.CreatedAt,
            Retrains = retrains,
            PendingVersion = pending,
            NewLabelledRows = traffic.NewLabelled,
            LabelledRows = traffic.Labelled.RowCount,
            DriftAlert = DriftAlert(store, champion),
        };
        var recent = Last(traffic.Rows, policy.RecentRows);
        if (policy.MaxDriftShare is not null && recent.RowCount > 0)
        {
            var reference = ProfileReference.Build(bundle.Profile);
            var inputs = bundle.Manifest.Inputs.Select(i => i.Name).Where(n => reference.Schema.Contains(n) && recent.Schema.Contains(n)).ToList();
            if (inputs.Count > 0)
            {
                var drift = DatasetDrift.Detect(reference.Select(inputs), recent.Select(inputs));
                state = state with { DriftShare = drift.DriftedShare, DriftColumns = drift.Columns.Count };
            }
        }
        return policy.Performance is { } trigger ? Performance(state, policy, trigger, champion, bundle, traffic) : state;
    }

    private static string? DriftAlert(IKeelStore store, ModelVersion champion)
    {
        var run = store.ReadMonitoringRuns(champion.Model, 1).FirstOrDefault();
        if (run is null || run.Version != champion.Version) return null;
        return store.ReadAlerts(champion.Model).FirstOrDefault(a => a.RunId == run.Id && a.Kind == "data_drift")?.Message;
    }

    private static RetrainingState Performance(RetrainingState state, RetrainingPolicy policy, PerformanceTrigger trigger, ModelVersion champion, ModelBundle bundle, RecentTraffic traffic)
    {
        var model = bundle.Model;
        var metric = trigger.Metric ?? policy.Challenger.Metric ?? MetricNames.DefaultFor(model.Target.Task);
        state = state with { PerformanceMetric = metric };
        var registered = Registered(champion, metric);
        if (registered is null)
            return state with { PerformanceUnavailable = $"version {champion.Version} has no registered {metric}" };
        state = state with { RegisteredPerformance = registered };
        var labelled = Last(traffic.Labelled, policy.RecentRows);
        if (labelled.RowCount >= trigger.MinLabels)
        {
            var labels = model.Target.Encode(labelled);
            var keep = Enumerable.Range(0, labels.Length).Where(i => !double.IsNaN(labels[i]) && (model.Target.Task == TaskKind.Regression || labels[i] >= 0)).ToArray();
            var rows = labelled.Take(keep);
            var value = RowMetric.For(metric, model.Target, keep.Select(i => labels[i]).ToArray(), model.Predict(rows), model.Threshold)(Enumerable.Range(0, keep.Length).ToArray());
            return double.IsFinite(value)
                ? state with { RecentPerformance = value, PerformanceRows = keep.Length }
                : state with { PerformanceUnavailable = $"{metric} is undefined on the {keep.Length} recent labelled rows" };
        }
        var few = $"only {labelled.RowCount} recent rows are labelled (the trigger needs {trigger.MinLabels})";
        if (!trigger.Estimated) return state with { PerformanceUnavailable = few + "; set estimated: true to use the CBPE estimate" };
        if (model.Target.Task != TaskKind.Binary || bundle.Reference is not { Rows: > 0 } reference)
            return state with { PerformanceUnavailable = few + ", and the CBPE estimate needs a binary classifier with reference predictions in its bundle" };
        var recent = Last(traffic.Rows, policy.RecentRows);
        if (recent.RowCount == 0) return state with { PerformanceUnavailable = few + ", and there is no recent traffic to estimate on" };
        try
        {
            var cbpe = Cbpe.Fit(reference.Scores, reference.Labels.Select(l => (int)l).ToArray(), Math.Clamp(recent.RowCount, 1, Math.Max(1, reference.Rows / 2)), new CbpeOptions { Threshold = model.Threshold });
            var estimate = cbpe.Estimate(model.Predict(recent).PositiveProbabilities());
            return estimate.TryGetValue(metric, out var value) && double.IsFinite(value)
                ? state with { RecentPerformance = value, PerformanceEstimated = true, PerformanceRows = recent.RowCount }
                : state with { PerformanceUnavailable = few + $", and CBPE does not estimate {metric} (it estimates {string.Join(", ", estimate.Keys)})" };
        }
        catch (ArgumentException e)
        {
            return state with { PerformanceUnavailable = few + $", and CBPE could not be fitted: {e.Message}" };
        }
    }

    private static double? Registered(ModelVersion version, string metric)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, double>>(version.Metrics) is { } metrics && metrics.TryGetValue(metric, out var v) ? v : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The last <paramref name="rows"/> rows of a table.</summary>
    public static Table Last(Table table, int rows) =>
        table.RowCount <= rows ? table : table.Take(Enumerable.Range(table.RowCount - rows, rows).ToArray());
}

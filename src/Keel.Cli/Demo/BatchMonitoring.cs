using Keel.Monitoring;
using Keel.Monitoring.Drift;

namespace Keel.Cli.Demo;

/// <summary>What monitoring found in one labelled batch of traffic, for the version that answered it.</summary>
internal sealed record BatchCheck(
    int Batch, int From, int To, int Version, double YesRate,
    double Accuracy, double? RocAuc, (double Lower, double Upper)? AccuracyBand, double? EstimatedAccuracy,
    bool PerformanceAlert, IReadOnlyList<string> Alerts,
    DatasetDriftResult? Drift)
{
    public bool DataDrift => Drift is { Drifted: true };

    /// <summary>The drifted columns, most drifted first (by how far the test score is past its threshold).</summary>
    public IReadOnlyList<ColumnDriftResult> DriftedColumns => Drift is null ? [] :
        Drift.Columns.Where(c => c.Drifted).OrderBy(c => c.ScoreKind == DriftScoreKind.PValue ? c.Score : -c.Statistic).ToList();
}

/// <summary>
/// Stage 5, monitor: once a batch's labels have arrived, <see cref="ModelMonitor"/> (the computation the server's
/// monitoring job runs on its prediction log) checks the batch against the answering version's bundle: data drift
/// of every input against the training profile, realized performance against the band of the model's held-out
/// windows, and CBPE's estimate without labels. A window outside the band on the bad side is an alert.
/// </summary>
internal static class BatchMonitoring
{
    public static BatchCheck Check(int batch, int[] rows, DemoModel model, BankCalls calls, int window)
    {
        var current = calls.Table.Take(rows);
        var bundle = model.Bundle;
        var result = ModelMonitor.Run(bundle.Model, bundle.Profile, reference: null, current,
            new MonitoringOptions { Window = window, Multivariate = false }, bundle.Reference);
        var realized = result.Realized.FirstOrDefault()
            ?? throw new DemoFailedException($"monitoring computed no realized performance for batch {batch + 1}: {string.Join(" ", result.Notes)}");
        var estimated = result.Estimated.FirstOrDefault();
        var label = current[BankCalls.Label];
        var yes = Enumerable.Range(0, current.RowCount).Count(r => label.FormatValue(r) == BankCalls.Positive);
        return new BatchCheck(batch, rows[0], rows[^1] + 1, model.Version, (double)yes / rows.Length,
            realized.Metrics["accuracy"], realized.Metrics.TryGetValue("roc_auc", out var auc) && double.IsFinite(auc) ? auc : null,
            realized.Band.TryGetValue("accuracy", out var band) ? band : null,
            estimated?.Metrics.TryGetValue("accuracy", out var e) == true ? e : null,
            realized.Alerts.Contains("accuracy"), realized.Alerts, result.Drift);
    }
}

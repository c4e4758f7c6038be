using System.Text.Json;
using Keel.Data;
using Keel.Store;

namespace Keel.Cli.Demo;

/// <summary>demo-summary.json: the numbers of the run, for scripts and tests.</summary>
internal static class DemoSummary
{
    public static string Build(DemoContext demo, DemoRun run, Recovery recovery, AuditVerification audit, double seconds, string report)
    {
        var o = demo.Options;
        var drift = demo.Timeline.First(DemoEventKind.Drift);
        var drop = demo.Timeline.First(DemoEventKind.PerformanceDrop);
        return JsonSerializer.Serialize(new
        {
            fast = o.Fast,
            seed = o.Seed,
            wall_seconds = Math.Round(seconds, 1),
            server = run.Server.ToString(),
            rows = new { training = o.TrainingRows, traffic = demo.Calls.Rows - o.TrafficStart, traffic_from = o.TrafficStart, batch = o.BatchRows, label_delay_batches = o.LabelDelayBatches },
            requests = new { total = run.Traffic.Requests, failed = run.Traffic.Failed, by_status = run.Traffic.Statuses.ToDictionary(s => s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.Value) },
            detection = new
            {
                data_drift = drift is null ? null : new { row = drift.Row, period = drift.Period },
                performance_drop = drop is null ? null : new { row = drop.Row, period = drop.Period },
                drifted_windows = run.Checks.Count(c => c.DataDrift),
                alerted_windows = run.Checks.Count(c => c.PerformanceAlert),
                windows = run.Checks.Count,
            },
            retrainings = run.Retrainings.Select(r => new
            {
                row = r.Row, period = r.Period, version = r.Challenger.Model.Version, parent = r.Challenger.Model.Bundle.Manifest.Parent,
                window = new { from = r.Challenger.From, to = r.Challenger.To },
                champion_accuracy = r.Comparison.ChampionAccuracy, challenger_accuracy = r.Comparison.ChallengerAccuracy,
                gain = r.Comparison.Gain, gain_lower = r.Comparison.GainLower, gain_upper = r.Comparison.GainUpper,
                shadow_calls = r.Shadow.Calls, shadow_agreement = r.Shadow.Agreement,
                server_rollout = new { mode = r.Shadow.Server.Mode, champion_version = r.Shadow.Server.ChampionVersion, shadow_version = r.Shadow.Server.ChallengerVersion, requests = r.Shadow.Server.Requests, agreement_rows = r.Shadow.Server.AgreementRows, agreement = double.IsNaN(r.Shadow.Server.Agreement) ? (double?)null : r.Shadow.Server.Agreement },
                promoted = r.Gate.Passed, why = r.Gate.Passed ? null : r.Gate.Why,
            }),
            promotion = new { version = recovery.NewVersion, replaced = recovery.OldVersion, switch_row = recovery.SwitchRow, period = demo.Calls.Periods[recovery.SwitchRow] },
            accuracy = new
            {
                before = recovery.AccuracyBefore, after = recovery.AccuracyAfter, old_champion_after = recovery.OldChampionAccuracyAfter,
                before_calls = recovery.SwitchRow - recovery.BeforeFrom, after_calls = recovery.AfterTo - recovery.SwitchRow,
            },
            ranking_accuracy = new
            {
                metric = "roc_auc", before = Finite(recovery.RocAucBefore), after = Finite(recovery.RocAucAfter), old_champion_after = Finite(recovery.OldChampionRocAucAfter),
            },
            kpi = new
            {
                assumption = $"a call costs {o.CallCost}, a subscription brings {o.SubscriptionValue}: a true positive is worth {o.SubscriptionValue - o.CallCost}, a false positive {-o.CallCost}, a false negative or true negative 0; each model calls from the threshold its training chose to maximise this on out-of-fold scores",
                threshold_before = run.Versions[recovery.OldVersion].Bundle.Model.Threshold, threshold_after = run.Versions[recovery.NewVersion].Bundle.Model.Threshold,
                profit_per_1000_before = recovery.ProfitBefore, profit_per_1000_after = recovery.ProfitAfter, old_champion_profit_per_1000_after = recovery.OldChampionProfitAfter,
            },
            server_monitoring = ServerMonitoring.Read(demo.Store),
            shadow = ShadowScoring.Logged(demo.Store) is var (shadowRequests, shadowRows) ? new { requests_logged_by_server = shadowRequests, rows_logged_by_server = shadowRows } : null,
            audit = new { entries = audit.Entries, intact = audit.Intact },
            report,
            store = demo.StoreUri,
        }, KeelJson.Options);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

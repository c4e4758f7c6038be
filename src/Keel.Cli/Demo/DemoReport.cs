using System.Globalization;
using Keel.Explain;
using Keel.Monitoring.Drift;
using Keel.Reports;
using Keel.Store;

namespace Keel.Cli.Demo;

/// <summary>
/// Stage 12, the report: demo-report.html, one self-contained file (inline CSS and SVG) that tells the story as a
/// timeline a manager follows: what happened when, how the customers drifted, performance before and after the
/// switch, the business KPI, what the new model relies on (TreeSHAP) and the audit trail.
/// </summary>
internal static class DemoReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>How many of the new model's training calls its explanation covers.</summary>
    private const int ExplainedRows = 250;

    public static string Build(DemoContext demo, DemoRun run, Recovery recovery, IReadOnlyList<AuditEntry> audit, AuditVerification verification)
    {
        var o = demo.Options;
        var calls = demo.Calls;
        var promoted = run.Retrainings.First(r => r.Gate.Passed);
        var report = new HtmlReport("Keel demo: a model that keeps itself accurate",
            $"UCI Bank Marketing calls, {calls.Periods[0]} – {calls.Periods[^1]}: will the customer subscribe a term deposit?");

        Story(report, demo, run, recovery, promoted);
        Timeline(report, demo);
        Drift(report, demo, run);
        Performance(report, run, recovery, o);
        Kpi(report, recovery, o, run);
        Challengers(report, run, calls);
        Explanations(report, promoted, calls);
        Audit(report, audit, verification);
        HowItRan(report, demo, run);
        return report.Render();
    }

    private static void Story(HtmlReport report, DemoContext demo, DemoRun run, Recovery recovery, Retraining promoted)
    {
        var drift = demo.Timeline.First(DemoEventKind.Drift)!;
        var drop = demo.Timeline.First(DemoEventKind.PerformanceDrop)!;
        report.Section("The story in short")
            .Callout(string.Create(Invariant,
                $"A model learned in {demo.Calls.Span(0, demo.Options.TrainingRows)} whom a call is likely to convince. From {drift.Period} the customers called were no longer like those it learned from, and when the outcomes of the calls of {drop.Period} arrived it was right far less often. " +
                $"Keel retrained a challenger on the most recent calls with known outcomes; in {promoted.Period} one beat the champion beyond doubt, passed the promotion gate and took over without a single failed request. " +
                $"Each model calls the customers from the probability that earns most with the assumed costs. On the calls after the switch the new model earned {recovery.ProfitAfter:N0} per 1,000 customers; the old one earned {recovery.ProfitBefore:N0} on the calls before it, and would have earned {recovery.OldChampionProfitAfter:N0} on the same calls after. " +
                $"It was right on {recovery.AccuracyAfter:P1} of the calls after the switch (the old one on {recovery.AccuracyBefore:P1} before, and {recovery.OldChampionAccuracyAfter:P1} on the same calls after): calling nearly everyone when half of them subscribe is often wrong, but each wrong call costs {demo.Options.CallCost} and each right one brings {demo.Options.SubscriptionValue - demo.Options.CallCost}."))
            .Note($"Every number below comes from this run: {run.Traffic.Requests:N0} HTTP requests to Keel's model server on {run.Server}, {run.Traffic.Failed} of them failed.");
    }

    private static void Timeline(HtmlReport report, DemoContext demo)
    {
        report.Section("What happened when")
            .Table(["when", "after call", "what happened"],
                demo.Timeline.Events.Select(e => (IReadOnlyList<string>)[e.Period, e.Row.ToString("N0", Invariant), e.Text]));
    }

    private static void Drift(HtmlReport report, DemoContext demo, DemoRun run)
    {
        var section = report.Section("How the customers changed (data drift)");
        var first = run.Checks.FirstOrDefault(c => c.DataDrift);
        var trigger = run.Checks.LastOrDefault(c => c.To <= run.Retrainings.First(r => r.Gate.Passed).Row);
        section.Paragraph("Each batch of calls, once its outcomes arrived, was compared with the calls the serving model learned from, input by input (Evidently's tests: Jensen–Shannon distance or Wasserstein distance over the batch, or a p-value for small samples). " +
                          "A column has drifted when its test passes the threshold; the batch has drifted when enough of its columns have.");
        foreach (var (check, title) in new[] { (first, "The first batch that drifted"), (trigger, "The last batch before the promotion") })
        {
            if (check?.Drift is not { } drift) continue;
            section.Subheading($"{title}: calls {check.From:N0}–{check.To - 1:N0} ({demo.Calls.Span(check.From, check.To)}), {check.DriftedColumns.Count} of {drift.Columns.Count} inputs drifted");
            section.Table(["input", "test", "score", "threshold", "drifted"],
                drift.Columns.OrderByDescending(c => c.Drifted).ThenBy(c => c.ScoreKind == DriftScoreKind.PValue ? c.Score : -c.Statistic)
                    .Select(c => (IReadOnlyList<string>)[c.Column, c.Test, Score(c), c.Threshold.ToString("0.000", Invariant), c.Drifted ? "yes" : "no"]));
        }
        var overlays = (trigger?.DriftedColumns ?? []).Where(c => c.Bins is not null).Take(2)
            .Select(c => (Plots.Overlay(c.Column, c.Bins!), $"{c.Column}: the calls the model learned from against the calls of {demo.Calls.Span(trigger!.From, trigger.To)}")).ToArray();
        var share = Plots.OverTime("Share of inputs drifted per batch", "share drifted",
            [("drifted inputs", run.Checks.Select(c => c.Drift?.DriftedShare ?? double.NaN).ToArray(), run.Checks.Select((c, i) => (c, i)).Where(x => x.c.DataDrift).Select(x => x.i).ToList())]);
        section.Figures([(share, "Each point is a batch of calls, in time order; a red ring marks a batch that drifted."), .. overlays]);
    }

    /// <summary>
    /// The test's score; a normalized Wasserstein distance is huge where the training calls held one value (pdays
    /// was -1, "never called before", for every call of 2008), so it is said in words.
    /// </summary>
    private static string Score(ColumnDriftResult c) =>
        c.ScoreKind != DriftScoreKind.PValue && c.Score > 100 ? "very large (one value in training)" : c.Score.ToString("0.000", Invariant);

    private static void Performance(HtmlReport report, DemoRun run, Recovery recovery, DemoOptions o)
    {
        var section = report.Section("Performance before and after");
        var accuracy = run.Checks.Select(c => c.Accuracy).ToArray();
        var yesRate = run.Checks.Select(c => c.YesRate).ToArray();
        var alerts = run.Checks.Select((c, i) => (c, i)).Where(x => x.c.PerformanceAlert).Select(x => x.i).ToList();
        var band = run.Checks.FirstOrDefault()?.AccuracyBand;
        section.Paragraph(string.Create(Invariant,
            $"The outcome of each call arrived {o.LabelDelayBatches * o.BatchRows:N0} calls later, as feedback to the server. Each batch of {o.BatchRows} calls is a point: the share the serving model got right, and the share of customers who subscribed. " +
            $"The dashed lines are the band the first champion kept to on calls like those it learned from; a red ring is a batch below it (an alert). Batches after call {recovery.SwitchRow:N0} were answered by {DemoRegistry.Model}@{recovery.NewVersion}."));
        section.Figures((Plots.OverTime("Accuracy and subscription rate per batch", "share", [("accuracy", accuracy, alerts), ("subscribed", yesRate, [])], band), "Accuracy drops as the share of customers who subscribe rises."));
        section.Table(["calls", "answered by", "accuracy of its decisions", "ranking accuracy (ROC AUC)", "calls counted"],
        [
            [$"before the switch (the last {recovery.SwitchRow - recovery.BeforeFrom:N0})", $"{DemoRegistry.Model}@{recovery.OldVersion}", recovery.AccuracyBefore.ToString("0.000", Invariant), recovery.RocAucBefore.ToString("0.000", Invariant), (recovery.SwitchRow - recovery.BeforeFrom).ToString("N0", Invariant)],
            ["after the switch", $"{DemoRegistry.Model}@{recovery.NewVersion}", recovery.AccuracyAfter.ToString("0.000", Invariant), recovery.RocAucAfter.ToString("0.000", Invariant), (recovery.AfterTo - recovery.SwitchRow).ToString("N0", Invariant)],
            ["after the switch, had the old champion stayed (scored in the shadow)", $"{DemoRegistry.Model}@{recovery.OldVersion}", recovery.OldChampionAccuracyAfter.ToString("0.000", Invariant), recovery.OldChampionRocAucAfter.ToString("0.000", Invariant), (recovery.AfterTo - recovery.SwitchRow).ToString("N0", Invariant)],
        ]);
        section.Paragraph(string.Create(Invariant,
            $"Ranking accuracy is the chance that the model scores a customer who subscribed above one who did not (ROC AUC; 0.5 is a coin toss): it does not depend on where the bank draws the line. It recovered from {recovery.OldChampionRocAucAfter:0.000} (the old champion on the calls after the switch) to {recovery.RocAucAfter:0.000}. " +
            $"The accuracy of the decisions fell because calling nearly everyone is what earns most when half of the customers subscribe (see the business value below)."));
    }

    private static void Kpi(HtmlReport report, Recovery recovery, DemoOptions o, DemoRun run)
    {
        var oldThreshold = run.Versions[recovery.OldVersion].Bundle.Model.Threshold;
        var newThreshold = run.Versions[recovery.NewVersion].Bundle.Model.Threshold;
        report.Section("The business KPI (an assumption)")
            .Paragraph(string.Create(Invariant,
                $"Assumed for illustration: a call costs {o.CallCost}, a subscription brings {o.SubscriptionValue}; a call that convinces is worth {o.SubscriptionValue - o.CallCost}, one that does not costs {o.CallCost}, a customer not called 0. Keel's training chose each model's threshold, the probability from which the bank calls, as the one that earns most on calls the model had not learned from: {oldThreshold:0.000} for {DemoRegistry.Model}@{recovery.OldVersion}, {newThreshold:0.000} for {DemoRegistry.Model}@{recovery.NewVersion}, which re-chose its own from the same recipe. The KPI is the profit per 1,000 customers considered."))
            .Table(["calls", "profit per 1,000 customers"],
            [
                ["before the switch, old champion", recovery.ProfitBefore.ToString("N0", Invariant)],
                ["after the switch, new champion", recovery.ProfitAfter.ToString("N0", Invariant)],
                ["after the switch, had the old champion stayed", recovery.OldChampionProfitAfter.ToString("N0", Invariant)],
            ]);
    }

    private static void Challengers(HtmlReport report, DemoRun run, BankCalls calls)
    {
        report.Section("Every challenger and the gate's decision")
            .Paragraph("A challenger is retrained with the champion's recipe (the same trainer, parameters, split and seed) when the serving model's accuracy stayed below its band for two batches in a row. " +
                       "Keel's model server runs it in the shadow on the next batch of live calls (the server scores every request with it after the champion has answered, logs its answers and returns them to no one; until a challenger exists the shadow is the champion itself), then both models are compared on recent calls neither has seen: how well each ranks the customers (ROC AUC: 0.5 is guessing, 1 is perfect), with a 95 % paired-bootstrap interval of the gain, besides each one's accuracy and profit at its own threshold. " +
                       "It is promoted only when the whole interval is above zero and the model's promotion policy passes.")
            .Table(["when", "challenger", "learned from", "shadow on the server: calls / agreement (server's figures: requests / agreement)", "champion ROC AUC / accuracy / profit per 1,000", "challenger ROC AUC / accuracy / profit per 1,000", "gain in ROC AUC (95 % interval)", "decision"],
                run.Retrainings.Select(r => (IReadOnlyList<string>)
                [
                    r.Period, r.Challenger.Model.Lineage + $" (parent {r.Challenger.Model.Bundle.Manifest.Parent})",
                    $"calls {r.Challenger.From:N0}–{r.Challenger.To - 1:N0} ({calls.Span(r.Challenger.From, r.Challenger.To)})",
                    string.Create(Invariant, $"{r.Shadow.Calls:N0} / {r.Shadow.Agreement:P0} ({r.Shadow.Server.Requests:N0} / {r.Shadow.Server.Agreement:P0})"),
                    string.Create(Invariant, $"{r.Comparison.ChampionRocAuc:0.000} / {r.Comparison.ChampionAccuracy:0.000} / {r.Comparison.ChampionProfit:N0}"),
                    string.Create(Invariant, $"{r.Comparison.ChallengerRocAuc:0.000} / {r.Comparison.ChallengerAccuracy:0.000} / {r.Comparison.ChallengerProfit:N0}"),
                    string.Create(Invariant, $"{r.Comparison.Gain:+0.000;-0.000} ({r.Comparison.GainLower:+0.000;-0.000} to {r.Comparison.GainUpper:+0.000;-0.000})"),
                    r.Gate.Passed ? "promoted to champion" : "stays a challenger: " + r.Gate.Why,
                ]));
    }

    private static void Explanations(HtmlReport report, Retraining promoted, BankCalls calls)
    {
        var model = promoted.Challenger.Model.Bundle.Model;
        var explainer = new ModelExplainer(model);
        // The latest calls of its window: exact TreeSHAP costs leaves × depth² a row, so a few hundred rows keep the report quick.
        var rows = BankCalls.Range(Math.Max(promoted.Challenger.From, promoted.Challenger.To - ExplainedRows), promoted.Challenger.To);
        var shap = explainer.Explain(calls.Table.Take(rows), threads: 2);
        var mean = shap.MeanAbsolute();
        var ranked = shap.Features.Select((f, i) => (Name: f, Value: mean[i])).OrderByDescending(x => x.Value).ToList();
        report.Section("What the new model relies on")
            .Paragraph($"Exact TreeSHAP values ({explainer.Method}) of {promoted.Challenger.Model.Lineage} over the latest {rows.Length:N0} calls it learned from: the mean absolute contribution of each input to the log-odds of a subscription. " +
                       $"It leans most on {string.Join(", ", ranked.Take(3).Select(r => r.Name))}.")
            .Figures((Plots.Importance(ranked.Take(10).ToList(), "Mean |SHAP| per input", "mean |SHAP| (log-odds)"), "The inputs that move the new model's answers most, on average."));
    }

    private static void Audit(HtmlReport report, IReadOnlyList<AuditEntry> audit, AuditVerification verification)
    {
        report.Section("Audit trail")
            .Callout(verification.Intact
                ? $"The audit chain verifies: each of its {verification.Entries} entries carries the SHA-256 of the one before, and recomputing them finds nothing edited, inserted or deleted."
                : $"The audit chain does NOT verify: {verification.Problem}")
            .Table(["#", "at (UTC)", "actor", "action", "target", "details"],
                audit.Select(a => (IReadOnlyList<string>)[a.Sequence.ToString(Invariant), a.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Invariant), a.Actor, a.Action, a.Target, Shorten(System.Text.RegularExpressions.Regex.Unescape(a.Details))]));
    }

    private static string ServerJob(ServerMonitoring job) => job.Runs == 0
        ? "The server's own monitoring job saved no run during the demo."
        : $"The server's own monitoring job, running every second over its prediction log, saved {job.Runs:N0} runs over {job.Rows:N0} calls and raised " +
          (job.AlertsByKind.Count == 0 ? "no alert." : string.Join(", ", job.AlertsByKind.Select(k => $"{k.Value:N0} {k.Key} alerts")) + " (GET /v2/models/bank/monitoring shows them while a server runs).");

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static void HowItRan(HtmlReport report, DemoContext demo, DemoRun run)
    {
        report.Section("How this run was made")
            .Paragraph($"keel demo{(demo.Options.Fast ? " --fast" : "")} --seed {demo.Options.Seed}: the first {demo.Options.TrainingRows:N0} calls trained the champion; calls {demo.Options.TrafficStart:N0} to {demo.Calls.Rows - 1:N0} were replayed in time order as {run.Traffic.Requests:N0} requests (responses by status: {string.Join(", ", run.Traffic.Statuses.Select(s => $"{s.Key}: {s.Value:N0}"))}). " +
                       $"The store is {demo.StoreUri}; `keel models history {DemoRegistry.Model} --store {demo.StoreUri}` and `keel audit verify --store {demo.StoreUri}` show the same trail.")
            .Paragraph(ServerJob(ServerMonitoring.Read(demo.Store)))
            .Note("The demo's decisions use Keel.Monitoring's ModelMonitor on each batch once its labels are in, the computation the server's monitoring job runs on its prediction log. The shadow was scored by the server on live traffic (its shadow rollout), the comparison is Keel.Lifecycle's ChallengerComparison, each model's threshold was chosen by its training for the KPI; the KPI's costs are an assumption.");
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Keel.Cli.Demo;

/// <summary>One retraining: the challenger, how it did in the shadow and against the champion, and the gate's decision.</summary>
internal sealed record Retraining(int Batch, int Row, string Period, Challenger Challenger, ShadowResult Shadow, Comparison Comparison, GateResult Gate);

/// <summary>One batch of traffic: its calls and the requests that carried them.</summary>
internal sealed record TrafficBatch(int Index, int[] Rows, IReadOnlyList<SentRequest> Requests);

/// <summary>Everything the story produced, for the report and the summary.</summary>
internal sealed record DemoRun(
    DemoModel FirstChampion, IReadOnlyList<TrafficBatch> Batches, IReadOnlyList<BatchCheck> Checks, IReadOnlyList<Retraining> Retrainings,
    TrafficReplay Traffic, IReadOnlyDictionary<int, DemoModel> Versions, int? SwitchRow, Uri Server);

/// <summary>
/// The story in order: train the champion, serve it, then batch after batch replay the calls, send the labels that
/// are due, monitor, and when monitoring keeps alerting retrain a challenger, shadow it, compare it, put it through
/// the gate and promote it. Each stage is its own class, so any of them can be replaced.
/// </summary>
internal static class DemoStory
{
    public static async Task<DemoRun> Run(DemoContext demo, Stopwatch clock)
    {
        var o = demo.Options;
        var calls = demo.Calls;
        var value = o.Value();

        demo.Progress(clock, "1 train champion", $"LightGBM (seed {o.Seed}) on the first {o.TrainingRows:N0} calls ({calls.Span(0, o.TrainingRows)})");
        var champion = ChampionTraining.Run(demo);
        var first = champion;
        var versions = new Dictionary<int, DemoModel> { [champion.Version] = champion };
        var auc = champion.Bundle.Manifest.Metrics.First(m => m.Name == "roc_auc").Value;
        var accuracy = champion.Bundle.Manifest.Metrics.First(m => m.Name == "accuracy").Value;
        demo.Timeline.Add(DemoEventKind.Trained, 0, calls.Span(0, o.TrainingRows), string.Create(CultureInfo.InvariantCulture,
            $"A model learned from the first {o.TrainingRows:N0} calls ({calls.Span(0, o.TrainingRows)}) whom a call is likely to convince: on calls it never saw it was right {accuracy:P0} of the time (ROC AUC {auc:0.00}). It became the champion through the promotion gate."));
        demo.Progress(clock, "1 train champion", string.Create(CultureInfo.InvariantCulture, $"{champion.Lineage} is champion: threshold {champion.Bundle.Model.Threshold:0.000} (most profit on out-of-fold scores), held-out accuracy {accuracy:0.000}, ROC AUC {auc:0.000}"));

        await using var server = await DemoServer.Start(demo, champion).ConfigureAwait(false);
        demo.Progress(clock, "2 serve", $"{DemoRegistry.Model}@champion on {server.Address} (API key of role predictor), shadow {DemoRegistry.Model}@challenger (until a challenger exists, the champion itself)");
        var traffic = new TrafficReplay(calls, server.Client, champion.Bundle.Manifest.Inputs.Select(i => i.Name).ToList());
        demo.Timeline.Add(DemoEventKind.Served, o.TrafficStart, calls.Periods[o.TrafficStart],
            $"The champion went live on Keel's model server; from {calls.Periods[o.TrafficStart]} every call was scored by a request to it, and each outcome came back {o.LabelDelayBatches * o.BatchRows:N0} calls later.");

        var batches = new List<TrafficBatch>();
        var checks = new List<BatchCheck>();
        var retrainings = new List<Retraining>();
        var streak = 0;
        var lastRetrain = -o.CooldownBatches;
        int? switchRow = null;
        DemoModel? switchingTo = null;
        var promotedAt = 0;
        (Challenger Challenger, int To)? pending = null;

        // Stages 7 to 9 for a challenger that shadowed the requests of batch k: the shadow, the comparison, the gate.
        async Task<bool> Decide(Challenger challenger, int to, IReadOnlyList<SentRequest> shadowed, int k)
        {
            var from = challenger.From;
            var shadow = await ShadowScoring.Read(demo.Store, server, traffic, shadowed, champion, challenger.Model, demo.Cancel).ConfigureAwait(false);
            demo.Progress(clock, "7 shadow", string.Create(CultureInfo.InvariantCulture,
                $"the server scored {shadow.Calls:N0} live calls with {challenger.Model.Lineage} in its shadow (logged, answered to no one): it would call {shadow.ChallengerCallShare:P0} of them, the champion calls {shadow.ChampionCallShare:P0}; they agree on {shadow.Agreement:P0}; the server's rollout figures: {shadow.Server.Requests:N0} shadow requests, agreement {shadow.Server.Agreement:P0} on {shadow.Server.AgreementRows:N0} rows"));
            var comparison = Comparison.Of(champion, challenger, value, o.Resamples, o.Seed);
            demo.Progress(clock, "8 evaluate", string.Create(CultureInfo.InvariantCulture,
                $"on {comparison.Calls} recent calls neither saw: ROC AUC {comparison.ChallengerRocAuc:0.000} against {comparison.ChampionRocAuc:0.000} (gain {comparison.GainLower:+0.000;-0.000} to {comparison.GainUpper:+0.000;-0.000}), accuracy {comparison.ChallengerAccuracy:0.000} against {comparison.ChampionAccuracy:0.000}, profit per 1,000 {comparison.ChallengerProfit:N0} against {comparison.ChampionProfit:N0}"));
            var gate = PromotionStep.Gate(demo.Store, challenger, comparison, margin: 0);
            var period = calls.Periods[to - 1];
            retrainings.Add(new Retraining(k, to, period, challenger, shadow, comparison, gate));
            demo.Timeline.Add(DemoEventKind.Retrained, to, period, string.Create(CultureInfo.InvariantCulture,
                $"A challenger ({challenger.Model.Lineage}) was retrained with the champion's recipe on the {to - from:N0} most recent calls with known outcomes ({calls.Span(from, to)}). In the server's shadow it would have called {shadow.ChallengerCallShare:P0} of the next {shadow.Calls:N0} customers, the champion {shadow.ChampionCallShare:P0}. On {comparison.Calls} recent calls neither model had seen it ranked the customers with a ROC AUC of {comparison.ChallengerRocAuc:0.000}, the champion {comparison.ChampionRocAuc:0.000}."));
            if (!gate.Passed)
            {
                demo.Progress(clock, "9 gate", "refused, it stays a challenger: " + gate.Why);
                demo.Timeline.Add(DemoEventKind.Kept, to, period, $"{challenger.Model.Lineage} stayed a challenger: {gate.Why}.");
                return false;
            }
            demo.Progress(clock, "9 gate", "passed: " + string.Join("; ", gate.Checks.Select(c => c.Name)));
            demo.Timeline.Add(DemoEventKind.Promoted, to, period,
                $"{challenger.Model.Lineage} passed the promotion gate ({string.Join("; ", gate.Checks.Select(c => c.Detail))}) and became the champion; the alias move is in the audit log with the gate's checks.");
            champion = challenger.Model;
            return true;
        }
        for (var start = o.TrafficStart; start < calls.Rows; start += o.BatchRows)
        {
            demo.Cancel.ThrowIfCancellationRequested();
            var k = batches.Count;
            var rows = BankCalls.Range(start, Math.Min(start + o.BatchRows, calls.Rows));
            // While the server switches models, the calls go one per request, four at a time: every one must be answered.
            var requests = switchingTo is null
                ? await traffic.Send(rows, o.RequestRows, 2, demo.Cancel).ConfigureAwait(false)
                : await traffic.Send(rows, 1, 4, demo.Cancel).ConfigureAwait(false);
            batches.Add(new TrafficBatch(k, rows, requests));
            if (switchingTo is not null && rows.FirstOrDefault(r => traffic.AnsweredBy[r] == switchingTo.Version, -1) is var switched and >= 0)
            {
                var before = Enumerable.Range(promotedAt, rows[^1] + 1 - promotedAt).Count(r => traffic.AnsweredBy[r] != switchingTo.Version);
                switchRow ??= switched;
                demo.Timeline.Add(DemoEventKind.Switched, switched, calls.Periods[switched],
                    $"The server switched to {switchingTo.Lineage} at call {switched:N0}, with calls arriving one request each, four at a time: the old champion answered {before:N0} of the calls sent after the promotion, until the server picked up the alias, the new one the rest, and {traffic.Failed} requests have failed in all.");
                demo.Progress(clock, "10 promote", $"the server answers with {switchingTo.Lineage} from call {switched:N0}; failed requests so far: {traffic.Failed}");
                switchingTo = null;
            }

            // A challenger retrained after the previous batch has shadowed this one on the server: now it is judged.
            if (pending is { } waiting)
            {
                pending = null;
                if (await Decide(waiting.Challenger, waiting.To, requests, k).ConfigureAwait(false))
                {
                    switchingTo = champion;
                    promotedAt = Math.Min(start + o.BatchRows, calls.Rows);
                    streak = 0;
                }
            }

            var due = k - o.LabelDelayBatches;
            if (due < 0) continue;
            var labelled = await Label(demo, server, batches[due], traffic, versions, checks, clock).ConfigureAwait(false);
            streak = labelled.PerformanceAlert && labelled.Version == champion.Version ? streak + 1 : 0;
            if (streak < o.AlertStreak || k - lastRetrain < o.CooldownBatches) continue;

            var to = labelled.To;
            var from = Math.Max(o.TrafficStart, to - o.RetrainWindowRows);
            lastRetrain = k;
            demo.Progress(clock, "6 retrain challenger", $"{o.AlertStreak} windows in a row below the band: the champion's recipe on calls {from:N0}–{to - 1:N0} ({calls.Span(from, to)})");
            var challenger = ChallengerTraining.Run(demo, champion, from, to);
            versions[challenger.Model.Version] = challenger.Model;
            await server.WaitForShadow(challenger.Model.Version, demo.Cancel).ConfigureAwait(false);
            pending = (challenger, to);
        }
        if (pending is { } last) await Decide(last.Challenger, last.To, [], batches.Count).ConfigureAwait(false);
        for (var due = Math.Max(0, batches.Count - o.LabelDelayBatches); due < batches.Count; due++)
            await Label(demo, server, batches[due], traffic, versions, checks, clock).ConfigureAwait(false);
        return new DemoRun(first, batches, checks, retrainings, traffic, versions, switchRow, server.Address);
    }

    /// <summary>The drifted inputs in words, the customers' own first and the calendar (day, month) last.</summary>
    private static string Describe(IReadOnlyList<Keel.Monitoring.Drift.ColumnDriftResult> drifted)
    {
        var calendar = drifted.Where(c => c.Column is "day" or "month").Select(c => c.Column).ToList();
        var customers = drifted.Where(c => c.Column is not ("day" or "month")).Take(6).Select(c => c.Column).ToList();
        return (customers.Count > 0 ? string.Join(", ", customers) : "no column of the customers themselves") +
               (calendar.Count > 0 ? $", besides the calendar ({string.Join(" and ", calendar)})" : "");
    }

    /// <summary>Stages 4 and 5 for one batch: its labels go to the server, then monitoring checks it.</summary>
    private static async Task<BatchCheck> Label(DemoContext demo, DemoServer server, TrafficBatch batch, TrafficReplay traffic, Dictionary<int, DemoModel> versions,
        List<BatchCheck> checks, Stopwatch clock)
    {
        var matched = await LateLabels.Send(server.Client, demo.Calls, batch.Requests, demo.Cancel).ConfigureAwait(false);
        if (matched < batch.Requests.Count(r => traffic.AnsweredBy[r.Rows[0]] != 0))
            throw new DemoFailedException($"the server matched {matched} of the {batch.Requests.Count} requests of batch {batch.Index + 1} to its prediction log.");
        var version = batch.Rows.GroupBy(r => traffic.AnsweredBy[r]).OrderByDescending(g => g.Count()).First().Key;
        var check = BatchMonitoring.Check(batch.Index, batch.Rows, versions[version], demo.Calls, demo.Options.BatchRows);
        checks.Add(check);
        var calls = demo.Calls;
        var drifted = check.DriftedColumns;
        demo.Progress(clock, "5 monitor", string.Create(CultureInfo.InvariantCulture,
            $"calls {check.From:N0}–{check.To - 1:N0} ({calls.Span(check.From, check.To)}), {DemoRegistry.Model}@{version}: yes-rate {check.YesRate:P0}, accuracy {check.Accuracy:0.000}{(check.AccuracyBand is { } b ? $" (band {b.Lower:0.000}–{b.Upper:0.000})" : "")}{(check.PerformanceAlert ? " ALERT" : "")}; drift in {drifted.Count} of {check.Drift?.Columns.Count ?? 0} inputs{(drifted.Count > 0 ? ": " + string.Join(", ", drifted.Take(4).Select(c => c.Column)) : "")}"));
        var period = calls.Span(check.From, check.To);
        if (check.DataDrift && demo.Timeline.First(DemoEventKind.Drift) is null)
            demo.Timeline.Add(DemoEventKind.Drift, check.To, period, string.Create(CultureInfo.InvariantCulture,
                $"In {period} the customers called changed: monitoring found data drift in {drifted.Count} of {check.Drift!.Columns.Count} inputs against the customers the model learned from: {Describe(drifted)}."));
        if (check.PerformanceAlert && demo.Timeline.First(DemoEventKind.PerformanceDrop) is null)
            demo.Timeline.Add(DemoEventKind.PerformanceDrop, check.To, period, string.Create(CultureInfo.InvariantCulture,
                $"When the outcomes of the calls of {period} arrived, the model had been right on {check.Accuracy:P0} of them, below the {check.AccuracyBand!.Value.Lower:P0} it keeps to on calls like those it learned from; {check.YesRate:P0} of these customers subscribed."));
        return check;
    }
}

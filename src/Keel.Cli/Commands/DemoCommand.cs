using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Keel.Cli.Demo;
using Keel.Data.Io;
using Keel.Store;

namespace Keel.Cli.Commands;

/// <summary>
/// <c>keel demo</c>: the living model on the UCI Bank Marketing calls shipped with Keel. A champion learns from 2008,
/// is served over HTTP, and sees the later calls as traffic with outcomes arriving late; monitoring finds the drift,
/// a challenger is retrained, shadowed, compared, gated and promoted without a failed request, and demo-report.html
/// tells the story.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "The folder for the store, the models, demo-report.html and demo-summary.json (created; an earlier demo there is replaced, a folder holding anything else besides a store is refused).", DefaultValueFactory = _ => "keel-demo" };
        var seed = new Option<int>("--seed") { Description = "The seed of the split, the trainer and the bootstrap.", DefaultValueFactory = _ => 42 };
        var fast = new Option<bool>("--fast") { Description = "Replay only the calls from May 2009 on (about 9,000 instead of 25,000)." };
        var command = new Command("demo", "The living model on the Bank Marketing calls shipped with Keel: train, serve, replay traffic with late labels, detect drift, retrain, shadow, compare, gate, promote, and write demo-report.html.")
            { output, seed, fast };
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(json: false);
            var options = new DemoOptions { Out = result.GetRequiredValue(output), Seed = result.GetValue(seed), Fast = result.GetValue(fast) };
            if (options.Problems() is { } problems)
            {
                console.Error(problems);
                return ExitCodes.Usage;
            }
            return CommandRunner.Run(console, () =>
            {
                try
                {
                    return Run(console, options, ct).GetAwaiter().GetResult();
                }
                catch (DemoFailedException e)
                {
                    console.Error($"The demo failed: {e.Message}");
                    return ExitCodes.InternalError;
                }
            });
        }, ct));
        return command;
    }

    /// <summary>What a demo writes in its folder; a folder holding only these is an earlier demo, replaced by a new run.</summary>
    private static readonly string[] DemoEntries = ["keel.db", "keel.db-wal", "keel.db-shm", "keel.db-journal", "artifacts", "models", "demo-report.html", "demo-summary.json"];

    /// <summary>
    /// Running the demo again replaces an earlier demo's folder, so the README's first command can be run twice; a folder
    /// that also holds anything else is refused with what it holds, and nothing is deleted.
    /// </summary>
    private static void ReplaceEarlierDemo(Output console, string folder)
    {
        var others = Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Where(n => !DemoEntries.Contains(n)).ToList();
        if (others.Count > 0)
            throw new Keel.Data.KeelDataException($"{folder} already holds a demo's store (keel.db) and also {string.Join(", ", others.Take(5))}; nothing was deleted. Remove the folder or choose another with --out.");
        console.Info($"Replacing the earlier demo in {folder}.");
        foreach (var entry in DemoEntries.Select(e => Path.Combine(folder, e)))
        {
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
            else if (File.Exists(entry)) File.Delete(entry);
        }
    }

    private static async Task<int> Run(Output console, DemoOptions options, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var folder = Path.GetFullPath(options.Out);
        var database = Path.Combine(folder, "keel.db");
        if (File.Exists(database)) ReplaceEarlierDemo(console, folder);
        Directory.CreateDirectory(folder);
        console.Heading("Keel demo: a model that keeps itself accurate");
        console.Info("Data: UCI Bank Marketing (Moro, Cortez and Rita 2014, CC BY 4.0), 45,211 calls of a Portuguese bank, May 2008 – November 2010, in time order. " +
                     "Will the customer subscribe a term deposit? The call's duration is known only after the call, so no model reads it.");
        var calls = BankCalls.Read(BankCalls.SampleData, ct);
        using var store = KeelStore.Open($"sqlite:{database}", Actor.LocalUser);
        var demo = new DemoContext(console, options, calls, store, folder, new DemoTimeline(), ct);
        var run = await DemoStory.Run(demo, clock).ConfigureAwait(false);

        var failures = new List<string>();
        if (demo.Timeline.First(DemoEventKind.Drift) is null) failures.Add("monitoring detected no data drift");
        if (demo.Timeline.First(DemoEventKind.PerformanceDrop) is null) failures.Add("monitoring raised no performance alert");
        if (run.Retrainings.Count == 0) failures.Add("no challenger was retrained");
        if (!run.Retrainings.Any(r => r.Gate.Passed)) failures.Add("no challenger passed the promotion gate");
        if (run.Traffic.Failed > 0) failures.Add($"{run.Traffic.Failed} requests failed");
        if (failures.Count > 0) throw new DemoFailedException(string.Join("; ", failures) + ".");

        var recovery = Recovery.Measure(run, calls, options.Value(), options.RetrainWindowRows);
        demo.Progress(clock, "11 recovery", string.Create(CultureInfo.InvariantCulture,
            $"accuracy {recovery.AccuracyBefore:0.000} on the {recovery.SwitchRow - recovery.BeforeFrom:N0} calls before the switch, {recovery.AccuracyAfter:0.000} on the {recovery.AfterTo - recovery.SwitchRow:N0} after (the old champion would have had {recovery.OldChampionAccuracyAfter:0.000} on them); profit per 1,000 customers {recovery.ProfitBefore:N0} before, {recovery.ProfitAfter:N0} after ({recovery.OldChampionProfitAfter:N0} had the old champion stayed)"));
        var audit = store.VerifyAudit();
        var reportPath = Path.Combine(folder, "demo-report.html");
        AtomicFile.WriteAllText(reportPath, DemoReport.Build(demo, run, recovery, store.ReadAudit(), audit));
        var summaryPath = Path.Combine(folder, "demo-summary.json");
        AtomicFile.WriteAllText(summaryPath, DemoSummary.Build(demo, run, recovery, audit, clock.Elapsed.TotalSeconds, reportPath));
        demo.Progress(clock, "12 report", $"{reportPath} and {summaryPath}");
        if (!audit.Intact) throw new DemoFailedException($"the audit chain does not verify: {audit.Problem}");
        if (recovery.ProfitAfter <= recovery.ProfitBefore || recovery.ProfitAfter <= recovery.OldChampionProfitAfter)
            throw new DemoFailedException(string.Create(CultureInfo.InvariantCulture,
                $"the KPI did not recover after the switch (profit per 1,000 customers {recovery.ProfitBefore:N0} before, {recovery.ProfitAfter:N0} after, {recovery.OldChampionProfitAfter:N0} had the old champion stayed)."));
        console.Success($"Done in {clock.Elapsed.TotalSeconds:0} s: {run.Traffic.Requests:N0} requests, {run.Traffic.Failed} failed, {run.Retrainings.Count} retrainings, {run.Retrainings.Count(r => r.Gate.Passed)} promoted; the audit chain of {audit.Entries} entries verifies.");
        console.Info($"Open the report: {reportPath}");
        return ExitCodes.Success;
    }
}

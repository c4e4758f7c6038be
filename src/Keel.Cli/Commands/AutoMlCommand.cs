using System.CommandLine;
using System.Globalization;
using Keel.Data;
using Keel.Learn.Evaluation;
using Keel.Reports;
using Keel.Tuning.AutoMl;
using Spectre.Console;

namespace Keel.Cli.Commands;

/// <summary>
/// <c>keel automl</c>: model selection, tuning and ensembling in one time budget; the chosen model is evaluated once on
/// held-out rows and written as a normal bundle, with a report and a tracking run.
/// </summary>
internal static class AutoMlCommand
{
    public static Command Create()
    {
        var read = new ReadOptions();
        var label = new Option<string>("--label", "-l") { Description = "The column to predict: its name, its 1-based position, or \"last\".", Required = true };
        var task = new Option<string?>("--task") { Description = "binary, multiclass or regression. [default: detected from the label]" };
        var positive = new Option<string?>("--positive") { Description = "The positive class of a binary label. [default: the second class in sorted order]" };
        var trainers = new Option<string?>("--trainers") { Description = "Comma-separated trainers to search: lightgbm, fasttree, fastforest, linear. [default: every one that supports the task]" };
        var budget = new Option<string>("--time-budget") { Description = "Wall-clock budget of the search and the ensembling (90s, 10m, 1h); the final evaluation follows it.", DefaultValueFactory = _ => "10m" };
        var perTrainer = new Option<int?>("--trials-per-trainer") { Description = "Stop the search once every trainer has had this many trials (its defaults included), even with budget left." };
        var ensemble = new Option<string>("--ensemble") { Description = "auto (the best by out-of-fold score of the single best model, ensemble selection and stacking), none, voting, selection or stacking.", DefaultValueFactory = _ => "auto" };
        var refit = new Option<bool>("--refit") { Description = "Refit the chosen model's members once on all training rows instead of keeping one model per fold: k times cheaper to predict and explain." };
        var folds = new Option<int>("--folds") { Description = "Folds of every trial's bagging (2 to 20), the same for every trial.", DefaultValueFactory = _ => 5 };
        var test = new Option<string?>("--test") { Description = "A labelled file to evaluate the chosen model on, read like --data. [default: a stratified --test-fraction of --data]" };
        var testFraction = new Option<double>("--test-fraction") { Description = "Share of --data held out (stratified), never seen by the search, when there is no --test.", DefaultValueFactory = _ => 0.2 };
        var metric = new Option<string?>("--metric") { Description = "The metric to optimize. [default: roc_auc, log_loss or rmse by task]" };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, the folds, the samplers and the trainers.", DefaultValueFactory = _ => 42 };
        var threads = new Option<int>("--threads") { Description = "Threads LightGBM may use.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the chosen model's bundle.", DefaultValueFactory = _ => "automl.keel" };
        var report = new Option<string?>("--report") { Description = "Where to write the HTML report. [default: beside --out, <name>-report.html]" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on standard output." };
        var store = StoreOption.Create();

        var command = new Command("automl", "Search every trainer's hyper-parameters and ensemble the best models within one time budget; evaluate the chosen model on held-out rows and write it as a bundle with a report.");
        read.AddTo(command);
        foreach (var o in new Option[] { label, task, positive, trainers, budget, perTrainer, ensemble, refit, folds, test, testFraction, metric, seed, threads, output, report, store, json })
            command.Options.Add(o);
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                var outPath = result.GetRequiredValue(output);
                var reportPath = result.GetValue(report) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath))!, Path.GetFileNameWithoutExtension(outPath) + "-report.html");
                TrainingRunner.RequireFolder(outPath, "--out");
                TrainingRunner.RequireFolder(reportPath, "--report");
                var storeUri = result.GetRequiredValue(store);
                Keel.Store.StoreUri.Parse(storeUri);
                var options = new AutoMlOptions
                {
                    Label = "",
                    Task = TrainCommand.ParseTask(result.GetValue(task)),
                    PositiveClass = result.GetValue(positive),
                    Trainers = result.GetValue(trainers) is { } t ? ReadOptions.Names([t]).Select(n => n.ToLowerInvariant()).ToArray() : null,
                    TimeBudget = Durations.Parse(result.GetRequiredValue(budget), "--time-budget"),
                    TrialsPerTrainer = result.GetValue(perTrainer),
                    Ensemble = result.GetRequiredValue(ensemble).Trim().ToLowerInvariant(),
                    Folds = result.GetValue(folds),
                    Refit = result.GetValue(refit),
                    TestFraction = result.GetValue(testFraction),
                    Metric = result.GetValue(metric),
                    Seed = result.GetValue(seed),
                    Threads = result.GetValue(threads),
                    Name = Path.GetFileNameWithoutExtension(outPath),
                    Source = Path.GetFileName(result.GetRequiredValue(read.Data)),
                };
                var problems = options.Validate().ToList();
                if (problems.Count > 0) throw new KeelDataException(string.Join(" ", problems));
                var table = read.Read(result, console, ct);
                options = options with { Label = TrainCommand.ResolveLabel(table, result.GetRequiredValue(label)) };
                var testTable = result.GetValue(test) is { } testPath ? read.ReadTest(result, console, testPath, ct) : null;
                console.Heading(string.Create(CultureInfo.InvariantCulture,
                    $"AutoML to predict '{options.Label}' within {options.TimeBudget.TotalMinutes:0.#} min ({options.Folds}-fold bagging, ensembles: {options.Ensemble})"));
                AutoMlOutcome outcome;
                try
                {
                    outcome = AutoMlJob.Run(table, testTable, options, new ImmediateProgress<AutoMlProgress>(p => console.Info(Describe(p))), cancellationToken: ct);
                }
                catch (OperationCanceledException)
                {
                    console.Error("Cancelled; nothing was written.");
                    return ExitCodes.Cancelled;
                }
                var bundle = outcome.Bundle;
                console.Info($"Leaderboard ({outcome.Metric}; out-of-fold on {outcome.Train.RowCount:N0} training rows chose the model, held-out on {outcome.Test.RowCount:N0} rows never used to choose):");
                console.Table(Leaderboard(outcome));
                console.Info("How far tuning moved each trainer from its defaults (cross-validated):");
                console.Table(Trainers(outcome));
                console.Info($"Held-out evaluation of the chosen model ({outcome.Chosen.Name}) on {outcome.Test.RowCount:N0} rows:");
                console.Table(TrainingRunner.MetricsTable(bundle.Evaluation!));
                if (outcome.Baseline is { } baseline && baseline.Evaluation.Metrics.FirstOrDefault(m => m.Name == outcome.Metric) is { } before
                    && bundle.Evaluation!.Metrics.FirstOrDefault(m => m.Name == outcome.Metric) is { } after)
                    console.Info(string.Create(CultureInfo.InvariantCulture,
                        $"For comparison, {baseline.Name} on the same rows: {outcome.Metric} {before.Value:0.0000} ({before.Lower:0.0000}–{before.Upper:0.0000}); the chosen model: {after.Value:0.0000}."));
                ct.ThrowIfCancellationRequested();
                var html = AutoMlReport.Build(outcome, options.Label);
                var saved = bundle.Save(outPath);
                Keel.Data.Io.AtomicFile.WriteAllText(reportPath, html);
                console.Success($"Wrote {Path.GetFullPath(outPath)} (SHA-256 {saved.FileSha256![..16]}…) and {reportPath}.");
                using var keelStore = StoreOption.Open(storeUri);
                var run = RunLogger.LogAutoMl(keelStore, saved, outcome, options, outPath, reportPath);
                console.Info($"Logged run {run.Id} in experiment '{run.Experiment}' of {keelStore.Location}, with a child run per leaderboard entry.");
                console.Result(new
                {
                    model = Path.GetFullPath(outPath),
                    report = reportPath,
                    sha256 = saved.FileSha256,
                    run = run.Id,
                    metric = outcome.Metric,
                    chosen = outcome.Chosen.Name,
                    elapsedSeconds = outcome.Elapsed.TotalSeconds,
                    leaderboard = outcome.Leaderboard.Select(e => new { name = e.Name, kind = e.Kind, trainer = e.Trainer, trial = e.Trial, outOfFold = e.OutOfFold, heldOut = e.HeldOut, chosen = e.Chosen, parameters = e.Parameters }),
                    trainers = outcome.Trainers.Select(s => new
                    {
                        trainer = s.Trainer, trials = s.Complete + s.Pruned + s.Failed, complete = s.Complete, pruned = s.Pruned, failed = s.Failed,
                        defaultCv = s.DefaultCv, bestCv = s.BestCv, bestTrial = s.BestTrial, defaultHeldOut = s.DefaultHeldOut, bestHeldOut = s.BestHeldOut, bestParameters = s.BestParameters,
                    }),
                    heldOut = bundle.Evaluation!.Metrics,
                    baseline = outcome.Baseline is { } bl ? new { name = bl.Name, heldOut = bl.Evaluation.Metrics } : null,
                });
                return ExitCodes.Success;
            });
        }, ct));
        return command;
    }

    private static string Describe(AutoMlProgress p) => p.Phase == "search"
        ? $"{p.Trainer,-10} {p.Message}" + (p.Best is { } b ? string.Create(CultureInfo.InvariantCulture, $"; best so far {b:0.0000}") : "")
        : p.Message;

    private static Spectre.Console.Table Leaderboard(AutoMlOutcome outcome)
    {
        var table = new Spectre.Console.Table().AddColumns("rank", "model", $"out-of-fold {outcome.Metric}", $"held-out {outcome.Metric}", "what");
        var rank = 0;
        foreach (var e in outcome.Leaderboard)
            table.AddRow((++rank).ToString(CultureInfo.InvariantCulture), Markup.Escape(e.Name + (e.Chosen ? " (chosen)" : "")), Fmt(e.OutOfFold), Fmt(e.HeldOut),
                Markup.Escape(e.Kind == "ensemble" ? e.Parameters["members"] : string.Join(", ", e.Parameters.Select(kv => $"{kv.Key}={kv.Value}"))));
        return table;
    }

    private static Spectre.Console.Table Trainers(AutoMlOutcome outcome)
    {
        var table = new Spectre.Console.Table().AddColumns("trainer", "trials (complete/pruned/failed)", "defaults", "best", "held-out defaults → best");
        foreach (var s in outcome.Trainers)
            table.AddRow(s.Trainer, $"{s.Complete}/{s.Pruned}/{s.Failed}", Fmt(s.DefaultCv), s.BestTrial is { } n ? $"{Fmt(s.BestCv)} (trial {n})" : "–",
                $"{Fmt(s.DefaultHeldOut)} → {Fmt(s.BestHeldOut)}");
        return table;
    }

    private static string Fmt(double? v) => v is { } x ? x.ToString("0.0000", CultureInfo.InvariantCulture) : "–";
}

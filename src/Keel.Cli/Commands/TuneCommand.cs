using System.CommandLine;
using System.Globalization;
using Keel.Data;
using Keel.Reports;
using Keel.Store;
using Keel.Tuning.Studies;
using Keel.Tuning.Validation;

namespace Keel.Cli.Commands;

/// <summary>
/// <c>keel tune</c>: a hyper-parameter study of one trainer, kept in the store, resumable and shareable by workers;
/// the best configuration is refit and evaluated on held-out rows and written as a normal bundle with a tuning report,
/// and the tuning is logged as a run in the store.
/// </summary>
internal static class TuneCommand
{
    public static Command Create()
    {
        var read = new ReadOptions();
        var label = new Option<string>("--label", "-l") { Description = "The column to predict: its name, its 1-based position, or \"last\".", Required = true };
        var task = new Option<string?>("--task") { Description = "binary, multiclass or regression. [default: detected from the label]" };
        var positive = new Option<string?>("--positive") { Description = "The positive class of a binary label. [default: the second class in sorted order]" };
        var trainer = new Option<string>("--trainer") { Description = "The trainer to tune: lightgbm, fasttree, fastforest or linear.", DefaultValueFactory = _ => "lightgbm" };
        var budget = new Option<string?>("--time-budget") { Description = "Wall-clock budget of this worker (90s, 10m, 1h); no trial starts after it. [default: 10m when --trials is not given]" };
        var trials = new Option<int?>("--trials") { Description = "The number of trials the study grows to, counting earlier runs and other workers." };
        var study = new Option<string?>("--study") { Description = "The study's name in the store; rerun with the same name to resume it, or start several workers on it. [default: tune-<trainer>-<label>]" };
        var sampler = new Option<string>("--sampler") { Description = "tpe (Bergstra et al. 2011, Optuna's defaults) or random.", DefaultValueFactory = _ => "tpe" };
        var pruner = new Option<string>("--pruner") { Description = "median, hyperband or none: stop unpromising trials after their first folds.", DefaultValueFactory = _ => "median" };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds of every trial (2 to 20).", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, the folds, the sampler and the trainers.", DefaultValueFactory = _ => 42 };
        var testFraction = new Option<double>("--test-fraction") { Description = "Share of rows held out (stratified), never seen by the search, for the final evaluation.", DefaultValueFactory = _ => 0.2 };
        var metric = new Option<string?>("--metric") { Description = "The metric to optimize. [default: roc_auc, log_loss or rmse by task]" };
        var threads = new Option<int>("--threads") { Description = "Threads LightGBM may use, shared by the workers.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var workers = new Option<int>("--workers") { Description = "Trials this process runs at once (1 to 64), each worker on its own thread with --threads / --workers trainer threads.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the best model's bundle.", DefaultValueFactory = _ => "best.keel" };
        var report = new Option<string?>("--report") { Description = "Where to write the HTML tuning report. [default: beside --out, <name>-report.html]" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on standard output." };
        var store = StoreOption.Create();

        var command = new Command("tune", "Tune a trainer's hyper-parameters by cross-validation in a resumable study, then refit the best, evaluate it on held-out rows and write it as a bundle.");
        read.AddTo(command);
        foreach (var o in new Option[] { label, task, positive, trainer, budget, trials, study, sampler, pruner, folds, seed, testFraction, metric, threads, workers, output, report, store, json })
            command.Options.Add(o);
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                var outPath = result.GetRequiredValue(output);
                TrainingRunner.RequireFolder(outPath, "--out");
                var reportPath = result.GetValue(report) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath))!, Path.GetFileNameWithoutExtension(outPath) + "-report.html");
                TrainingRunner.RequireFolder(reportPath, "--report");
                var storeUri = result.GetRequiredValue(store);
                StoreUri.Parse(storeUri);
                var maxTrials = result.GetValue(trials);
                var timeBudget = result.GetValue(budget) is { } b ? Durations.Parse(b, "--time-budget") : maxTrials is null ? TimeSpan.FromMinutes(10) : (TimeSpan?)null;
                var table = read.Read(result, console, ct);
                var labelName = TrainCommand.ResolveLabel(table, result.GetRequiredValue(label));
                var options = new TrainerTuningOptions
                {
                    Label = labelName,
                    Task = TrainCommand.ParseTask(result.GetValue(task)),
                    PositiveClass = result.GetValue(positive),
                    Trainer = result.GetRequiredValue(trainer).ToLowerInvariant(),
                    Study = result.GetValue(study),
                    Sampler = result.GetRequiredValue(sampler).ToLowerInvariant(),
                    Pruner = result.GetRequiredValue(pruner).ToLowerInvariant(),
                    Metric = result.GetValue(metric),
                    Folds = result.GetValue(folds),
                    TestFraction = result.GetValue(testFraction),
                    Seed = result.GetValue(seed),
                    Threads = result.GetValue(threads),
                    Optimize = new OptimizeOptions { Trials = maxTrials, TimeBudget = timeBudget, Worker = $"{Environment.MachineName}:{Environment.ProcessId}", Workers = result.GetValue(workers) },
                    Name = Path.GetFileNameWithoutExtension(outPath),
                    Source = Path.GetFileName(result.GetRequiredValue(read.Data)),
                };
                using var keelStore = StoreOption.Open(storeUri);
                var workerCount = options.Optimize.Workers;
                console.Heading($"Tuning {options.Trainer} to predict '{labelName}' ({options.Folds}-fold cross-validation, {options.Sampler} sampler, {options.Pruner} pruner{(workerCount > 1 ? $", {workerCount} workers with {ThreadsEach(options)} each" : "")})");
                TuningOutcome outcome;
                try
                {
                    outcome = TrainerTuning.Run(table, options, new StoreStudyStorage(keelStore), new ImmediateProgress<TrialProgress>(p => console.Info(Describe(p))), cancellationToken: ct);
                }
                catch (OperationCanceledException)
                {
                    console.Error($"Cancelled. Every finished trial is kept in {keelStore.Location}; rerun the same command to continue the study.");
                    return ExitCodes.Cancelled;
                }
                var bundle = outcome.Final.Bundle;
                var saved = bundle.Save(outPath);
                console.Info($"Best: trial {outcome.Best.Number} of study '{outcome.Study.Name}', CV {outcome.Metric} {Fmt(outcome.Best.Value!.Value)} ({Parameters(outcome.Best)}).");
                console.Info($"Refit on {outcome.Final.Train.RowCount:N0} training rows; evaluated on {outcome.Final.Test.RowCount:N0} held-out rows the search never saw:");
                console.Table(TrainingRunner.MetricsTable(bundle.Evaluation!));
                if (outcome.DefaultsHeldOut?.Metrics.FirstOrDefault(x => x.Name == outcome.Metric) is { } defaults)
                    console.Info($"The trainer's defaults, refit and scored on the same rows: {outcome.Metric} {Fmt(defaults.Value)}.");
                if (outcome.Importance.Parameters.Count > 0)
                    console.Info("Parameter importance (fANOVA): " + string.Join(", ", outcome.Importance.Parameters.Take(4).Select(p => $"{p.Name} {p.Importance:0.00}")) + ".");
                var html = TuningReport.Build(ReportInput(outcome, saved, options, labelName)).Render();
                Keel.Data.Io.AtomicFile.WriteAllText(reportPath, html);
                console.Success($"Wrote {Path.GetFullPath(outPath)} (SHA-256 {saved.FileSha256![..16]}…) and {Path.GetFullPath(reportPath)}.");
                var run = RunLogger.LogTuning(keelStore, outcome, saved, options, outPath, reportPath);
                console.Info($"Logged run {run.Id} in experiment '{run.Experiment}' of {keelStore.Location}.");
                var all = outcome.Study.Trials;
                console.Result(new
                {
                    study = outcome.Study.Name,
                    model = Path.GetFullPath(outPath),
                    report = Path.GetFullPath(reportPath),
                    run = run.Id,
                    sha256 = saved.FileSha256,
                    trainer = bundle.Manifest.Trainer,
                    metric = outcome.Metric,
                    best = new { number = outcome.Best.Number, value = outcome.Best.Value, parameters = outcome.Best.Params.ToDictionary(p => p.Key, p => p.Value.External) },
                    finishedByThisWorker = outcome.Optimize.FinishedTrials,
                    trials = all.Select(t => new { number = t.Number, state = t.State.ToString().ToLowerInvariant(), value = t.Value }),
                    heldOut = bundle.Evaluation!.Metrics,
                    defaultsHeldOut = outcome.DefaultsHeldOut?.Metrics,
                    importance = outcome.Importance.Parameters.Select(p => new { name = p.Name, importance = p.Importance }),
                });
                return ExitCodes.Success;
            });
        }, ct));
        return command;
    }

    /// <summary>The tuning report's input for one study: its trials and importance, the tuned model and the defaults on the same held-out rows.</summary>
    private static TuningReportInput ReportInput(TuningOutcome outcome, Keel.Learn.Bundles.ModelBundle bundle, TrainerTuningOptions options, string label) => new()
    {
        Title = $"Tuning {options.Trainer} to predict \u201c{label}\u201d",
        Subtitle = $"study \u201c{outcome.Study.Name}\u201d \u00b7 {options.Source} \u00b7 {options.Sampler} sampler, {options.Pruner} pruner \u00b7 {bundle.Manifest.CreatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}",
        Metric = outcome.Metric,
        HigherIsBetter = outcome.Study.Direction == StudyDirection.Maximize,
        Folds = options.Folds,
        Studies = [new TunedStudy(outcome.Study.Name, options.Trainer, outcome.Study.Trials, outcome.Importance) { DefaultsTrial = outcome.DefaultsTrial?.Number }],
        FinalName = $"{options.Trainer}, trial {outcome.Best.Number}",
        FinalEvaluation = bundle.Evaluation,
        PositiveClass = bundle.Manifest.PositiveClass,
        Baseline = outcome.DefaultsHeldOut is { } d ? new HeldOutBaseline($"{options.Trainer} with its default settings", d) : null,
    };

    private static string ThreadsEach(TrainerTuningOptions options) =>
        TrainerTuning.ThreadsPerWorker(options) is var n && n == 1 ? "1 trainer thread" : $"{n} trainer threads";

    private static string Describe(TrialProgress p)
    {
        var t = p.Trial;
        var outcome = t.State switch
        {
            TrialState.Complete => $"→ {Fmt(t.Value!.Value)}",
            TrialState.Pruned => $"pruned after fold {t.LastStep} ({Fmt(t.Value ?? double.NaN)})",
            _ => $"failed: {p.Error}",
        };
        var best = p.Best is { } b ? $"best {Fmt(b.Value!.Value)} (trial {b.Number})" : "no complete trial yet";
        var seconds = t.Duration is { } d ? string.Create(CultureInfo.InvariantCulture, $" in {d.TotalSeconds:0.0} s") : "";
        return $"trial {t.Number}: {Parameters(t)} {outcome}{seconds}; {best}";
    }

    private static string Parameters(FrozenTrial t) => string.Join(", ", t.Params.Select(p => $"{p.Key}={p.Value}"));

    private static string Fmt(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}

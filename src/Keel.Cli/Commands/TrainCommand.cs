using System.CommandLine;
using System.Globalization;
using Keel.Data;
using Keel.Learn;
using Keel.Learn.Selection;
using Keel.Learn.Trainers;
using Keel.Learn.Training;
using Keel.Reports;

namespace Keel.Cli.Commands;

/// <summary><c>keel train</c>: select, train and evaluate a model; write the bundle and its report.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var read = new ReadOptions();
        var label = new Option<string?>("--label", "-l") { Description = "The column to predict: its name, its 1-based position, or \"last\". Required, except with --task anomaly, where a label is optional and only evaluates the detector." };
        var task = new Option<string?>("--task") { Description = "binary, multiclass, regression or anomaly. [default: detected from the label]" };
        var anomaly = new AnomalyOptions();
        var positive = new Option<string?>("--positive") { Description = "The positive class of a binary label. [default: the second class in sorted order, e.g. Yes of No/Yes]" };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the model bundle.", DefaultValueFactory = _ => "model.keel" };
        var report = new Option<string?>("--report") { Description = "Where to write the HTML report. [default: beside the bundle, <name>.report.html]" };
        var kpi = new Option<string?>("--kpi") { Description = "A binary classifier's business KPI (kpi.yaml: the value of each outcome, see docs/kpi.md): the decision threshold is chosen to maximise it on out-of-fold scores of the training rows, and the evaluation reports it. [default: none, threshold 0.5]" };
        var name = new Option<string?>("--name") { Description = "The model's name in its manifest. [default: the bundle's file name]" };
        var options = new CommonTrainingOptions();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on standard output." };
        var store = StoreOption.Create();

        var command = new Command("train", "Select a trainer by cross-validation, train it, evaluate it on held-out rows, and write model.keel with an HTML report.");
        read.AddTo(command);
        foreach (var o in new Option[] { label, task, positive, kpi, output, report, name, store, json }) command.Options.Add(o);
        options.AddTo(command);
        anomaly.AddTo(command);
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                var outPath = result.GetRequiredValue(output);
                var taskKind = ParseTask(result.GetValue(task));
                var labelText = result.GetValue(label);
                if (labelText is null && taskKind != TaskKind.Anomaly)
                {
                    console.Error("Option '--label' is required: the column to predict. (Only --task anomaly trains without a label.)");
                    return ExitCodes.Usage;
                }
                var detector = anomaly.Build(result, taskKind);
                var value = result.GetValue(kpi) is { } kpiPath ? Keel.Learn.Decisions.DecisionValue.Read(kpiPath) : null;
                var settings = options.Build(result);
                var table = read.Read(result, console, ct);
                var job = new TrainingJobOptions
                {
                    Label = labelText is null ? "" : ResolveLabel(table, labelText),
                    Task = taskKind,
                    Detector = detector,
                    PositiveClass = result.GetValue(positive),
                    TestFraction = settings.TestFraction,
                    Seed = settings.Seed,
                    Selection = settings.Selection,
                    Name = result.GetValue(name) ?? Path.GetFileNameWithoutExtension(outPath),
                    Source = Path.GetFileName(result.GetRequiredValue(read.Data)),
                    Reading = read.Reading(result),
                    Value = value,
                };
                var reportPath = result.GetValue(report) ?? DefaultReportPath(outPath);
                TrainingRunner.Run(console, table, job, outPath, reportPath, new ReportWording(), result.GetRequiredValue(store), ct);
                return ExitCodes.Success;
            });
        }, ct));
        return command;
    }

    public static string DefaultReportPath(string bundlePath)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(bundlePath))!;
        return Path.Combine(dir, Path.GetFileNameWithoutExtension(bundlePath) + ".report.html");
    }

    /// <summary>A label given by name, by 1-based position, or as "last".</summary>
    public static string ResolveLabel(Table table, string label)
    {
        if (table.Schema.Contains(label)) return label;
        if (label is "last" or "-1") return table.Schema[table.ColumnCount - 1].Name;
        if (int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position >= 1 && position <= table.ColumnCount)
            return table.Schema[position - 1].Name;
        throw new KeelLearnException($"The label column '{label}' does not exist. The columns are: {string.Join(", ", table.Schema.Names)}. (A 1-based position or \"last\" also works.)");
    }

    public static TaskKind? ParseTask(string? text) => text switch
    {
        null => null,
        _ when Enum.TryParse<TaskKind>(text, ignoreCase: true, out var t) => t,
        _ => throw new KeelLearnException($"--task \"{text}\" is not one of binary, multiclass, regression, anomaly."),
    };
}

/// <summary>The model-selection options train and quickstart share.</summary>
internal sealed class CommonTrainingOptions
{
    public Option<string> TimeBudget { get; } = new("--time-budget") { Description = "Wall-clock budget for model selection (90s, 10m, 1h).", DefaultValueFactory = _ => "10m" };

    public Option<int> Folds { get; } = new("--folds") { Description = "Cross-validation folds for model selection (2 to 20).", DefaultValueFactory = _ => 5 };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the split, folds and trainers: the same data and seed give the same model.", DefaultValueFactory = _ => 42 };

    public Option<double> TestFraction { get; } = new("--test-fraction") { Description = "Share of rows held out (stratified) for the final evaluation.", DefaultValueFactory = _ => 0.2 };

    public Option<string?> Trainers { get; } = new("--trainers") { Description = "Comma-separated candidates among lightgbm, fasttree, fastforest, linear. [default: all that support the task]" };

    public Option<int> Threads { get; } = new("--threads") { Description = "Threads LightGBM may use (the CSV reader and ML.NET use all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };

    public Option<string?> Metric { get; } = new("--metric") { Description = "The metric to select by: roc_auc, average_precision, log_loss, accuracy, f1_macro, rmse, mae, r2, ... [default: roc_auc, log_loss or rmse by task]" };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { TimeBudget, Folds, Seed, TestFraction, Trainers, Metric, Threads }) command.Options.Add(o);
    }

    public (SelectionOptions Selection, int Seed, double TestFraction) Build(ParseResult result)
    {
        var candidates = result.GetValue(Trainers) is { } list ? ParseTrainers(list) : null;
        var seed = result.GetValue(Seed);
        var selection = new SelectionOptions
        {
            Folds = result.GetValue(Folds),
            TimeBudget = Durations.Parse(result.GetRequiredValue(TimeBudget), "--time-budget"),
            Candidates = candidates,
            Metric = result.GetValue(Metric),
            Seed = seed,
            Threads = result.GetValue(Threads),
        };
        var problems = selection.Validate().ToList();
        var fraction = result.GetValue(TestFraction);
        if (fraction is <= 0 or >= 1) problems.Add($"--test-fraction must be between 0 and 1 (exclusive); it is {fraction}.");
        if (problems.Count > 0) throw new KeelDataException(string.Join(" ", problems));
        return (selection, seed, fraction);
    }

    private static IReadOnlyList<ITrainer> ParseTrainers(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select<string, ITrainer>(name => name.ToLowerInvariant() switch
        {
            "lightgbm" => new LightGbmTrainer(),
            "fasttree" => new FastTreeTrainer(),
            "fastforest" => new FastForestTrainer(),
            "linear" => new LinearTrainer(),
            _ => throw new KeelDataException($"--trainers: unknown trainer '{name}'; choose among lightgbm, fasttree, fastforest, linear."),
        }).ToArray();
}

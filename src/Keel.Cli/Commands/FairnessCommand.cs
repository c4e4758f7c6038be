using System.CommandLine;
using Keel.Data;
using Keel.Data.Io;
using Keel.Fairness;
using Keel.Learn.Bundles;
using Keel.Reports;

namespace Keel.Cli.Commands;

/// <summary>
/// <c>keel fairness</c>: a fairness audit of a model (<c>--model</c>) or of scored data from any model
/// (<c>--label</c>, <c>--prediction</c>, <c>--score</c>), per sensitive column and their intersection.
/// </summary>
internal static class FairnessCommand
{
    public static Command Create()
    {
        var read = new ReadOptions();
        read.Sensitive.Description = "The sensitive columns to audit, comma-separated or repeated (e.g. sex,race). [default: the columns the schema marks sensitive]";
        read.Data.Description = "The rows to audit (CSV or Parquet), with the true label (and, without --model, the predictions).";
        var model = new Option<string?>("--model", "-m") { Description = "The model bundle (.keel) to audit; its label column must be in the data." };
        var label = new Option<string?>("--label") { Description = "Without --model: the column of true labels. [with --model: the model's label]" };
        var prediction = new Option<string?>("--prediction") { Description = "Without --model: the column of predicted classes (the label's classes, 0/1 or false/true)." };
        var score = new Option<string?>("--score") { Description = "Without --model: a column of P(positive class), for ROC AUC and calibration per group." };
        var positive = new Option<string?>("--positive") { Description = "The positive (favourable or flagged) class, e.g. >50K. [default: the model's positive class, or the label's second class in Keel's order]" };
        var control = new Option<string[]>("--control") { Description = "Columns within whose levels the groups are also compared (Fairlearn's control features), comma-separated or repeated." };
        var privileged = new Option<string[]>("--privileged") { Description = "COLUMN=GROUP: the privileged group of a sensitive column, for disparate impact as AIF360 computes it. Repeatable. [default: each group is compared with the group selected most often]" };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for the intervals, drawn within each group; 0 for none. [default: 1000]", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "The seed of the bootstrap. [default: 42]", DefaultValueFactory = _ => 42 };
        var minGroup = new Option<int>("--min-group-size") { Description = "Groups with fewer rows are flagged as too small to judge. [default: 30]", DefaultValueFactory = _ => 30 };
        var minPositives = new Option<int>("--min-group-positives") { Description = "Groups with fewer positive (or negative) labels are flagged. [default: 5]", DefaultValueFactory = _ => 5 };
        var threshold = new Option<double>("--di-threshold") { Description = "The disparate impact rule of thumb's threshold. [default: 0.8, four fifths]", DefaultValueFactory = _ => 0.8 };
        var output = new Option<string?>("--out", "-o") { Description = "Write an HTML report here." };
        var json = new Option<bool>("--json") { Description = "Print the whole audit as JSON on standard output." };
        var command = new Command("fairness", "Audit a classifier's decisions for fairness: rates per group of each sensitive column and their intersection, with intervals; Fairlearn's measures; disparate impact and the four-fifths rule of thumb; bias in the labels (SageMaker Clarify's pre-training metrics); in plain language.");
        command.Options.Add(model);
        read.AddTo(command);
        foreach (var option in new Option[] { label, prediction, score, positive, control, privileged, bootstrap, seed, minGroup, minPositives, threshold, output, json })
            command.Options.Add(option);
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                var outPath = result.GetValue(output);
                if (outPath is not null) TrainingRunner.RequireFolder(outPath, "--out");
                var modelPath = result.GetValue(model);
                var predictionColumn = result.GetValue(prediction);
                if (modelPath is null && predictionColumn is null)
                    throw new KeelDataException("keel fairness needs --model m.keel, or scored data: --label COLUMN --prediction COLUMN [--score COLUMN].");
                if (modelPath is not null && (predictionColumn is not null || result.GetValue(score) is not null))
                    throw new KeelDataException("--prediction and --score audit scored data without a model; with --model the model predicts. Give one or the other.");

                var controls = ReadOptions.Names(result.GetValue(control));
                var dataPath = result.GetRequiredValue(read.Data);
                var (table, sensitive) = read.ReadWithSensitive(result, console, ct);
                if (sensitive.Count == 0)
                    throw new KeelDataException($"Name the sensitive columns to audit with --sensitive (e.g. --sensitive sex,race). The columns are: {string.Join(", ", table.Schema.Names)}.");

                var options = new FairnessAuditOptions
                {
                    SensitiveColumns = sensitive,
                    ControlColumns = controls,
                    PositiveClass = result.GetValue(positive),
                    PrivilegedGroups = Pairs(result.GetValue(privileged)),
                    Bootstrap = result.GetValue(bootstrap),
                    Seed = result.GetValue(seed),
                    MinGroupSize = result.GetValue(minGroup),
                    MinGroupPositives = result.GetValue(minPositives),
                    DisparateImpactThreshold = result.GetValue(threshold),
                };
                string name;
                FairnessAuditResult audit;
                if (modelPath is not null)
                {
                    var bundle = ModelBundle.Load(modelPath);
                    if (result.GetValue(label) is { } given && given != bundle.Model.Target.Column)
                        throw new KeelDataException($"--label '{given}' differs from the model's label '{bundle.Model.Target.Column}'; with --model the audit uses the model's label. Leave --label out.");
                    name = $"{bundle.Manifest.Name} v{bundle.Manifest.Version}";
                    audit = FairnessAudit.Run(bundle.Model, table, options);
                }
                else
                {
                    var labelColumn = result.GetValue(label) ?? throw new KeelDataException("Scored data needs --label: the column of true labels.");
                    name = $"predictions in '{predictionColumn}'";
                    audit = FairnessAudit.Run(table, labelColumn, predictionColumn!, result.GetValue(score), options);
                }

                console.Heading($"Fairness of {name} on {Path.GetFileName(dataPath)}: {audit.Rows:N0} rows, positive outcome '{audit.PositiveClass}'");
                foreach (var sentence in audit.Summary) console.Info(sentence);
                foreach (var analysis in audit.Analyses)
                    console.Info($"{analysis.Name}: demographic parity difference {analysis.DemographicParityDifference}, equalized odds difference {analysis.EqualizedOddsDifference}, disparate impact {analysis.DisparateImpact.Ratio}.");
                foreach (var warning in audit.Warnings) console.Warning(warning);
                if (outPath is not null)
                {
                    AtomicFile.WriteAllText(outPath, FairnessReport.Build(name, Path.GetFileName(dataPath), audit).Render());
                    console.Success($"Wrote the fairness report to {Path.GetFullPath(outPath)}.");
                }
                console.Result(audit);
                return ExitCodes.Success;
            });
        }, ct));
        return command;
    }

    private static Dictionary<string, string>? Pairs(string[]? values)
    {
        if (values is not { Length: > 0 }) return null;
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var eq = value.IndexOf('=');
            if (eq <= 0 || eq == value.Length - 1) throw new KeelDataException($"--privileged \"{value}\" is not COLUMN=GROUP, e.g. --privileged sex=Male.");
            pairs[value[..eq].Trim()] = value[(eq + 1)..].Trim();
        }
        return pairs;
    }
}

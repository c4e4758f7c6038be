using System.CommandLine;
using Keel.Learn.Bundles;
using Keel.Learn.Evaluation;
using Keel.Reports;

namespace Keel.Cli.Commands;

/// <summary><c>keel evaluate</c>: score a bundle on labelled data, with bootstrap intervals.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var read = new ReadOptions();
        var model = ModelOption.Create();
        var resamples = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for the 95 % intervals (0 for none).", DefaultValueFactory = _ => Evaluator.DefaultResamples };
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON on standard output." };
        var kpi = new Option<string?>("--kpi") { Description = "A binary classifier's business KPI (kpi.yaml): its value at the model's threshold, at 0.5, acting on everyone and on no one. [default: the KPI in the bundle, if any]" };
        var label = new Option<string?>("--label", "-l") { Description = "For an anomaly detector: the column that marks the anomalies (its second class in order, e.g. 1 of 0/1, unless --positive). [default: the label in the manifest]" };
        var positive = new Option<string?>("--positive") { Description = "For an anomaly detector evaluated with --label: the class that marks an anomaly." };
        var command = new Command("evaluate", "Measure a model bundle on labelled data (the label column named in its manifest).");
        command.Options.Add(model);
        read.AddTo(command);
        command.Options.Add(resamples);
        command.Options.Add(label);
        command.Options.Add(positive);
        command.Options.Add(kpi);
        command.Options.Add(json);
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                var bundle = ModelBundle.Load(result.GetRequiredValue(model));
                var table = read.Read(result, console, ct);
                var detector = bundle.Model;
                if (result.GetValue(label) is { } given)
                {
                    if (detector.Target.Task != Keel.Learn.TaskKind.Anomaly)
                        throw new Keel.Data.KeelDataException($"--label applies to anomaly detectors; this model predicts '{bundle.Manifest.Label}' and is evaluated against it.");
                    detector = detector with { Target = Keel.Learn.Target.Anomaly(table, TrainCommand.ResolveLabel(table, given), result.GetValue(positive)) };
                }
                else if (bundle.Manifest.Label.Length == 0)
                    throw new Keel.Learn.KeelLearnException("This anomaly detector was trained without a label: name the column that marks the anomalies with --label COL.");
                else if (!table.Schema.Contains(bundle.Manifest.Label))
                    throw new Keel.Learn.KeelLearnException($"The data has no label column '{bundle.Manifest.Label}', which the model predicts; evaluation needs it. The columns are: {string.Join(", ", table.Schema.Names)}.");
                var n = result.GetValue(resamples);
                if (n < 0) throw new Keel.Data.KeelDataException($"--bootstrap must be 0 or more; it is {n}.");
                var value = result.GetValue(kpi) is { } kpiPath ? Keel.Learn.Decisions.DecisionValue.Read(kpiPath) : bundle.Decision?.Value;
                var evaluation = Evaluator.Evaluate(detector, table, n, bundle.Manifest.Seed, value);
                console.Info($"{bundle.Manifest.Name} v{bundle.Manifest.Version} on {evaluation.Rows:N0} labelled rows:");
                console.Table(TrainingRunner.MetricsTable(evaluation));
                foreach (var line in PlainLanguage.Summarize(evaluation, detector.Target.PositiveClass)) console.Info("  " + line);
                if (evaluation.Decisions is { } decisions)
                {
                    console.Info($"Business value ({decisions.Value.Name}):");
                    console.Table(TrainingRunner.ValueTable(decisions));
                    foreach (var line in DecisionReport.Summary(null, decisions)) console.Info("  " + line);
                }
                console.Result(new
                {
                    model = bundle.Manifest.Name, version = bundle.Manifest.Version, rows = evaluation.Rows, metrics = evaluation.Metrics, confusionMatrix = evaluation.ConfusionMatrix,
                    threshold = detector.Target.Task == Keel.Learn.TaskKind.Binary ? detector.Threshold : (double?)null,
                    kpi = evaluation.Decisions,
                });
                return ExitCodes.Success;
            });
        }, ct));
        return command;
    }
}

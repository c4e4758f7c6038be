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
        var command = new Command("evaluate", "Measure a model bundle on labelled data (the label column named in its manifest).");
        command.Options.Add(model);
        read.AddTo(command);
        command.Options.Add(resamples);
        command.Options.Add(json);
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                var bundle = ModelBundle.Load(result.GetRequiredValue(model));
                var table = read.Read(result, console, ct);
                if (!table.Schema.Contains(bundle.Manifest.Label))
                    throw new Keel.Learn.KeelLearnException($"The data has no label column '{bundle.Manifest.Label}', which the model predicts; evaluation needs it. The columns are: {string.Join(", ", table.Schema.Names)}.");
                var n = result.GetValue(resamples);
                if (n < 0) throw new Keel.Data.KeelDataException($"--bootstrap must be 0 or more; it is {n}.");
                var evaluation = Evaluator.Evaluate(bundle.Model, table, n, bundle.Manifest.Seed);
                console.Info($"{bundle.Manifest.Name} v{bundle.Manifest.Version} on {evaluation.Rows:N0} labelled rows:");
                console.Table(TrainingRunner.MetricsTable(evaluation));
                foreach (var line in PlainLanguage.Summarize(evaluation, bundle.Manifest.PositiveClass)) console.Info("  " + line);
                console.Result(new { model = bundle.Manifest.Name, version = bundle.Manifest.Version, rows = evaluation.Rows, metrics = evaluation.Metrics, confusionMatrix = evaluation.ConfusionMatrix });
                return ExitCodes.Success;
            });
        }, ct));
        return command;
    }
}

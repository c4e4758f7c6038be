using System.CommandLine;
using Keel.Data;
using Keel.Data.Io;
using Keel.Learn;
using Keel.Learn.Bundles;

namespace Keel.Cli.Commands;

/// <summary><c>keel predict</c>: score a file with a bundle; write the rows with predictions and the model version.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var read = new ReadOptions();
        var model = ModelOption.Create();
        var output = new Option<string>("--out", "-o") { Description = "Where to write the predictions (CSV).", DefaultValueFactory = _ => "predictions.csv" };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary on standard output." };
        var command = new Command("predict", "Score a data file with a model bundle: each row gets the predicted label (or value), class probabilities and the model version.");
        command.Options.Add(model);
        read.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(json);
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                var outPath = result.GetRequiredValue(output);
                TrainingRunner.RequireFolder(outPath, "--out");
                var bundle = ModelBundle.Load(result.GetRequiredValue(model));
                var table = read.Read(result, console, ct);
                var scored = Score(bundle, table);
                CsvTableWriter.Write(scored, outPath);
                console.Success($"Wrote {table.RowCount:N0} predictions of {bundle.Manifest.Name} v{bundle.Manifest.Version} to {Path.GetFullPath(outPath)}.");
                console.Result(new { output = Path.GetFullPath(outPath), rows = table.RowCount, model = bundle.Manifest.Name, version = bundle.Manifest.Version, sha256 = bundle.FileSha256 });
                return ExitCodes.Success;
            });
        }, ct));
        return command;
    }

    /// <summary>
    /// The input rows with prediction columns appended: predicted_label, probability_CLASS... (or the predicted value;
    /// or anomaly_score and is_anomaly), model_version.
    /// </summary>
    public static Keel.Data.Table Score(ModelBundle bundle, Keel.Data.Table table)
    {
        var predictions = bundle.Model.Predict(table);
        var label = bundle.Manifest.Label;
        var result = table;
        if (predictions.Task == TaskKind.Regression)
        {
            result = result.WithColumn(new NumericColumn(Unique(result, $"predicted_{label}"), predictions.Values!));
        }
        else if (predictions.Task == TaskKind.Anomaly)
        {
            result = result.WithColumn(new NumericColumn(Unique(result, "anomaly_score"), predictions.Values!));
            result = result.WithColumn(new BooleanColumn(Unique(result, "is_anomaly"), predictions.Anomalies!.Select(f => f ? (byte)1 : (byte)0).ToArray()));
        }
        else
        {
            result = result.WithColumn(CategoricalColumn.FromStrings(Unique(result, $"predicted_{label}"), predictions.Labels!));
            for (var c = 0; c < predictions.Classes.Count; c++)
            {
                var p = new double[predictions.Rows];
                for (var i = 0; i < p.Length; i++) p[i] = predictions.Probability(i, c);
                result = result.WithColumn(new NumericColumn(Unique(result, $"probability_{predictions.Classes[c]}"), p));
            }
        }
        var version = $"{bundle.Manifest.Name}@{bundle.Manifest.Version}";
        return result.WithColumn(new CategoricalColumn(Unique(result, "model_version"), new int[table.RowCount], [version]));
    }

    private static string Unique(Keel.Data.Table table, string name)
    {
        var candidate = name;
        for (var k = 2; table.Schema.Contains(candidate); k++) candidate = $"{name}_{k}";
        return candidate;
    }
}

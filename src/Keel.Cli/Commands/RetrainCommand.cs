using System.CommandLine;
using Keel.Data;
using Keel.Data.Io;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Training;
using Keel.Reports;
using Keel.Serving;

namespace Keel.Cli.Commands;

/// <summary>
/// <c>keel retrain</c>: re-run a bundle's training recipe on new data (the same trainer, parameters, split and seed,
/// no model selection), write a bundle whose manifest names the parent, and compare its held-out metrics with the
/// parent's. The same data gives the same model.
/// </summary>
internal static class RetrainCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "The model to retrain: a bundle (.keel) or a registered version, name@alias or name@version (with --store).", Required = true };
        var data = new Option<string?>("--data", "-d") { Description = "The data to retrain on (CSV or Parquet), read as the recipe records; the parent's own training file reproduces it exactly." };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the new bundle. [default: <name>-retrained.keel in the working folder]" };
        var report = new Option<string?>("--report") { Description = "Where to write the HTML report. [default: beside the bundle, <name>.report.html]" };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the result, with the comparison to the parent, as JSON on standard output." };
        var command = new Command("retrain", "Re-run a model's training recipe on new data (same trainer, parameters, split and seed) and compare the result with it.")
            { model, data, output, report, store, json };
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                var (parent, lineage) = Resolve(result.GetRequiredValue(model), result.GetRequiredValue(store));
                var recipe = parent.Recipe ?? throw new KeelLearnException(parent.Manifest.Task == TaskKind.Anomaly
                    ? $"{lineage} is an anomaly detector, which has no training recipe to re-run; train a new one with keel train --task anomaly."
                    : $"{lineage} has no training recipe (it was trained before recipes were saved in bundles, or imported), so it cannot be re-run exactly; retrain with keel train --label {parent.Manifest.Label} --trainers {parent.Manifest.Trainer.ToLowerInvariant()} --seed {parent.Manifest.Seed} on the new data.");
                if (result.GetValue(data) is not { } dataPath)
                {
                    console.Error($"Option '--data' is required: the data to retrain on. {lineage} was trained on '{recipe.Source}' (fingerprint {recipe.Fingerprint}); give that file to reproduce it, or newer data to retrain it.");
                    return ExitCodes.Usage;
                }
                var job = recipe.JobOptions(parent.Manifest.Name, Path.GetFileName(dataPath), lineage);
                var outPath = result.GetValue(output) ?? $"{parent.Manifest.Name}-retrained.keel";
                var reportPath = result.GetValue(report) ?? TrainCommand.DefaultReportPath(outPath);
                var table = Read(dataPath, recipe, parent.Manifest, console, ct);
                console.Info($"Re-running the recipe of {lineage}: {recipe.Trainer} ({string.Join(", ", recipe.Parameters.Select(p => $"{p.Key}={p.Value}"))}), seed {recipe.Seed}, {recipe.TestFraction:P0} held out.");
                var outcome = TrainingRunner.Run(console, table, job, outPath, reportPath, new ReportWording(), result.GetRequiredValue(store), ct, parent);
                console.Info(outcome.Bundle.Manifest.TrainingData.Fingerprint == recipe.Fingerprint
                    ? $"The data is the parent's training data (fingerprint {recipe.Fingerprint}): the model is reproduced."
                    : $"The data differs from the parent's (fingerprint {outcome.Bundle.Manifest.TrainingData.Fingerprint}, was {recipe.Fingerprint}); the metrics compare different held-out rows.");
                return ExitCodes.Success;
            });
        }, ct));
        return command;
    }

    /// <summary>A bundle named by a path, or a registered version (name@alias, name@version); and its "name@version" for lineage.</summary>
    private static (ModelBundle Bundle, string Lineage) Resolve(string reference, string storeUri)
    {
        if (File.Exists(reference) || reference.EndsWith(".keel", StringComparison.OrdinalIgnoreCase) || !reference.Contains('@', StringComparison.Ordinal))
        {
            var bundle = ModelBundle.Load(reference);
            return (bundle, $"{bundle.Manifest.Name}@{bundle.Manifest.Version}");
        }
        var spec = ModelSpec.Parse(reference);
        using var s = StoreOption.Open(storeUri);
        var version = s.Resolve(spec.Name, spec.Reference);
        return (ModelBundle.Load(s.GetBundle(version), $"{spec.Name} version {version.Version}"), $"{spec.Name}@{version.Version}");
    }

    /// <summary>
    /// Reads the data as the recipe records (separator, header, column names), with each training column's type and
    /// role, and refuses data that lacks the label or a column the model reads.
    /// </summary>
    private static Keel.Data.Table Read(string path, TrainingRecipe recipe, BundleManifest manifest, Output console, CancellationToken ct)
    {
        var options = new CsvReadOptions
        {
            Separator = recipe.Reading.Separator, HasHeader = recipe.Reading.HasHeader, ColumnNames = recipe.Reading.ColumnNames,
            CancellationToken = ct, Progress = console.RowProgress($"Reading {Path.GetFileName(path)}"),
        };
        var table = TableReader.Read(path, options);
        var types = recipe.TypesFor(table.Schema.Names);
        if (types.Any(t => table.Schema[t.Key].Type != t.Value)) table = TableReader.Read(path, options with { Types = types, Progress = null });
        console.Info($"Read {table.RowCount:N0} rows × {table.ColumnCount} columns from {path}.");
        return recipe.Prepare(table, manifest.Inputs.Select(i => i.Name), path);
    }
}

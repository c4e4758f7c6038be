using System.CommandLine;
using Keel.Data;
using Keel.Data.Io;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Import;

namespace Keel.Cli.Commands;

/// <summary>
/// <c>keel import</c>: make a <c>.keel</c> bundle of a tree model trained by LightGBM or XGBoost, so it predicts,
/// serves, registers and exports to ONNX like a model Keel trained.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var lightgbm = new Option<string?>("--lightgbm") { Description = "A LightGBM model text file (booster.save_model(\"model.txt\"))." };
        var xgboost = new Option<string?>("--xgboost") { Description = "An XGBoost JSON model (booster.save_model(\"model.json\"), XGBoost 1.x)." };
        var schema = new Option<string?>("--schema") { Description = "A JSON schema file naming the model's input columns in feature order (feature columns, numeric or boolean; a column with role label names the label). [default: the names stored in the model]" };
        var columns = new Option<string?>("--columns") { Description = "Comma-separated names of the model's input columns, in feature order, all numeric. [default: the names stored in the model]" };
        var label = new Option<string?>("--label", "-l") { Description = "The name of what the model predicts. [default: the schema's label column, else \"label\"]" };
        var classes = new Option<string?>("--classes") { Description = "Comma-separated class names in the order of the model's outputs (binary: negative, then positive). [default: 0,1,...]" };
        var data = new Option<string?>("--data", "-d") { Description = "Reference data (CSV or Parquet with the input columns), profiled as the baseline for drift checks. [default: none; the profile has no rows]" };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the model bundle.", Required = true };
        var name = new Option<string?>("--name") { Description = "The model's name in its manifest. [default: the bundle's file name]" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on standard output." };

        var command = new Command("import", "Make a model bundle of a LightGBM or XGBoost tree model trained elsewhere: its trees become Keel's, scored by Keel, missing values following each split's default direction.");
        foreach (var o in new Option[] { lightgbm, xgboost, schema, columns, label, classes, data, output, name, json }) command.Options.Add(o);
        command.Validators.Add(r =>
        {
            if ((r.GetResult(lightgbm) is null) == (r.GetResult(xgboost) is null))
                r.AddError("Give the model file with exactly one of --lightgbm model.txt or --xgboost model.json.");
            if (r.GetResult(schema) is not null && r.GetResult(columns) is not null)
                r.AddError("Name the inputs with --schema or with --columns, not both.");
        });
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                var outPath = result.GetRequiredValue(output);
                TrainingRunner.RequireFolder(outPath, "--out");
                var (modelPath, option) = result.GetValue(lightgbm) is { } l ? (l, "--lightgbm") : (result.GetValue(xgboost)!, "--xgboost");
                var imported = Parse(modelPath, option);
                foreach (var note in imported.Notes) console.Warning(note);

                var schemaFile = result.GetValue(schema) is { } schemaPath ? SchemaFile.Load(schemaPath) : null;
                var inputs = schemaFile is not null ? Inputs(schemaFile, result.GetValue(schema)!)
                    : result.GetValue(columns) is { } list ? List(list, "--columns").Select(c => new ColumnSchema(c, ColumnType.Numeric)).ToArray()
                    : null;
                if (inputs is not null && imported.FeatureNames is { } stored && !stored.SequenceEqual(inputs.Select(i => i.Name)))
                    console.Warning($"{Path.GetFileName(modelPath)} names its features {string.Join(", ", stored.Take(10))}{(stored.Count > 10 ? ", …" : "")}; the names given replace them.");
                var options = new ModelImportOptions
                {
                    Name = result.GetValue(name) ?? Path.GetFileNameWithoutExtension(outPath),
                    Label = result.GetValue(label) ?? SchemaLabel(schemaFile) ?? "label",
                    Inputs = inputs,
                    Classes = result.GetValue(classes) is { } c ? List(c, "--classes") : null,
                    Source = Path.GetFileName(modelPath),
                    ReferenceSource = result.GetValue(data) is { } d ? Path.GetFileName(d) : "",
                };
                var reference = result.GetValue(data) is { } dataPath ? ReadReference(dataPath, schemaFile, inputs ?? imported.FeatureNames?.Select(n => new ColumnSchema(n, ColumnType.Numeric)).ToArray(), console, ct) : null;

                var bundle = ModelImport.Build(imported, options, reference);
                ct.ThrowIfCancellationRequested();
                var saved = bundle.Save(outPath);
                var m = saved.Manifest;
                console.Success($"Wrote {Path.GetFullPath(outPath)} (SHA-256 {saved.FileSha256![..16]}…): {m.Trainer}, {imported.Ensemble.Trees.Length:N0} trees, {m.Task.ToString().ToLowerInvariant()} predicting '{m.Label}'{(m.Classes.Count > 0 ? $" ({string.Join(", ", m.Classes)})" : "")} from {m.Inputs.Count} inputs.");
                if (saved.Onnx is null) console.Warning("The bundle has no ONNX export.");
                if (reference is null) console.Info("No reference data (--data): the bundle's profile has no rows, so drift checks have no baseline.");
                console.Result(new
                {
                    model = Path.GetFullPath(outPath),
                    sha256 = saved.FileSha256,
                    trainer = m.Trainer,
                    task = m.Task,
                    label = m.Label,
                    classes = m.Classes,
                    inputs = m.Inputs.Select(i => i.Name),
                    trees = imported.Ensemble.Trees.Length,
                    onnx = saved.Onnx is not null,
                });
                return ExitCodes.Success;
            });
        }, ct));
        return command;
    }

    private static ImportedEnsemble Parse(string path, string option)
    {
        if (!File.Exists(path)) throw new KeelDataException($"{option} {path}: model file not found.");
        var text = File.ReadAllText(path);
        var looksJson = text.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal);
        if (option == "--lightgbm" && looksJson)
            throw new KeelDataException($"--lightgbm {path}: the file is JSON, not LightGBM's model text. Is it an XGBoost model? Import it with --xgboost.");
        if (option == "--xgboost" && !looksJson && text.Contains("max_feature_idx=", StringComparison.Ordinal))
            throw new KeelDataException($"--xgboost {path}: the file is a LightGBM model text, not XGBoost JSON. Import it with --lightgbm.");
        return option == "--lightgbm" ? LightGbmModelFile.Parse(text, path) : XgboostJsonModel.Parse(text, path);
    }

    /// <summary>The feature columns of a schema file, in its order; a column without a type is numeric.</summary>
    private static ColumnSchema[] Inputs(SchemaFile schema, string path)
    {
        var inputs = schema.Columns
            .Where(c => c.Role is null or ColumnRole.Feature)
            .Select(c => new ColumnSchema(c.Name, c.Type ?? ColumnType.Numeric))
            .ToArray();
        if (inputs.Length == 0)
            throw new KeelDataException($"--schema {path}: no column has the role feature; list the model's input columns, in feature order.");
        return inputs;
    }

    private static string? SchemaLabel(SchemaFile? schema) =>
        schema?.Columns.Where(c => c.Role == ColumnRole.Label).Select(c => c.Name).FirstOrDefault();

    private static string[] List(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        if (items.Any(i => i.Length == 0))
            throw new KeelDataException($"{option} \"{text}\" has an empty name; separate names with single commas.");
        return items;
    }

    /// <summary>
    /// Reads the reference data with the schema file's settings. An input column inferred as text or categories (all
    /// missing, say) is read again as a number, so a value that is not one is named with its line.
    /// </summary>
    private static Keel.Data.Table ReadReference(string path, SchemaFile? schema, IReadOnlyList<ColumnSchema>? inputs, Output console, CancellationToken ct)
    {
        var options = new CsvReadOptions { CancellationToken = ct, Progress = console.RowProgress($"Reading {Path.GetFileName(path)}") };
        if (schema is not null) options = schema.ApplyTo(options);
        var table = TableReader.Read(path, options);
        var misread = (inputs ?? []).Where(i => table.Schema.TryIndexOf(i.Name) >= 0 && table[i.Name].Type is ColumnType.Text or ColumnType.Categorical).ToArray();
        if (misread.Length > 0)
        {
            var types = new Dictionary<string, ColumnType>(options.Types);
            foreach (var input in misread) types[input.Name] = input.Type;
            table = TableReader.Read(path, options with { Types = types });
        }
        console.Info($"Read {table.RowCount:N0} rows × {table.ColumnCount} columns of reference data from {path}.");
        return table;
    }
}

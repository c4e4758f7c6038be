using System.CommandLine;
using System.Globalization;
using Keel.Data;
using Keel.Explain;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Reports;
using Spectre.Console;

namespace Keel.Cli.Commands;

/// <summary><c>keel explain</c>: exact SHAP values per input column, overall and for chosen rows, as JSON and a report.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var read = new ReadOptions();
        var model = ModelOption.Create();
        var rows = new Option<string?>("--rows") { Description = "Rows to explain one by one, 0-based and comma-separated, e.g. 0,5,9. [default: 0]" };
        var sample = new Option<int>("--sample") { Description = "Rows (the first ones) over which the overall importance is computed. [default: 1000]", DefaultValueFactory = _ => 1000 };
        var background = new Option<int>("--background") { Description = "Interventional SHAP against this many background rows drawn (seeded) from the data, instead of the trees' own training covers. [default: 0, path-dependent]" };
        var probability = new Option<bool>("--probability") { Description = "Report binary classifiers' SHAP values as changes in probability (interventional, needs --background) instead of log-odds." };
        var method = new Option<string>("--method") { Description = "How the chosen rows are explained: exact (TreeSHAP or the linear model's SHAP values), kernel (Kernel SHAP against the background, any model), permutation (permutation SHAP, any model) or lime (LIME, seeded). The overall importance is always exact. [default: exact]", DefaultValueFactory = _ => "exact" };
        var pdp = new Option<string[]>("--pdp") { Description = "Columns to draw partial dependence and ICE curves for, over the --sample rows (repeatable, or comma-separated); a pair a:b draws their joint partial dependence as a heat map.", AllowMultipleArgumentsPerToken = true };
        var interactions = new Option<int>("--interactions") { Description = "SHAP interaction values over this many of the --sample rows (tree models, path-dependent): which pairs of inputs act together. Two TreeSHAP runs per feature a row. [default: 0, off]" };
        var top = new Option<int>("--top") { Description = "Contributions to print per row. [default: 5]", DefaultValueFactory = _ => 5 };
        var output = new Option<string?>("--out", "-o") { Description = "Write an HTML report here (overall importance, and each row's chart and reasons)." };
        var threads = new Option<int>("--threads") { Description = "Threads for TreeSHAP. [default: all cores]", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<bool>("--json") { Description = "Print the explanations as JSON on standard output." };
        var command = new Command("explain", "Explain a model's predictions with exact SHAP values per input column: which inputs matter overall, and why each chosen row got its prediction.");
        command.Options.Add(model);
        read.AddTo(command);
        command.Options.Add(rows);
        command.Options.Add(sample);
        command.Options.Add(background);
        command.Options.Add(method);
        command.Options.Add(probability);
        command.Options.Add(pdp);
        command.Options.Add(interactions);
        command.Options.Add(top);
        command.Options.Add(output);
        command.Options.Add(threads);
        command.Options.Add(json);
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                var outPath = result.GetValue(output);
                if (outPath is not null) TrainingRunner.RequireFolder(outPath, "--out");
                var bundle = ModelBundle.Load(result.GetRequiredValue(model));
                var table = read.Read(result, console, ct);
                var chosen = ParseRows(result.GetValue(rows), table.RowCount);
                var sampleRows = Math.Min(Math.Max(1, result.GetValue(sample)), table.RowCount);
                var backgroundRows = result.GetValue(background);
                if (backgroundRows < 0) throw new KeelDataException($"--background must be 0 or more rows; it is {backgroundRows}.");
                var sampleOf = backgroundRows == 0 ? null : Background(bundle.Model, table, backgroundRows);
                var explainer = new ModelExplainer(bundle.Model, sampleOf);
                var inProbability = result.GetValue(probability);
                if (inProbability && (backgroundRows == 0 || bundle.Model.Target.Task != TaskKind.Binary || bundle.Model.Predictor is not Keel.Learn.Models.TreeEnsemble))
                    throw new KeelDataException("--probability explains a binary tree model against background rows: add --background N (e.g. 200).");
                var units = inProbability ? "probability" : explainer.Units;

                var how = result.GetRequiredValue(method);
                // A randomized mixture (fairness mitigation) has no exact SHAP values: permutation SHAP explains its P(positive).
                var exact = bundle.Model.HasExactShapValues;
                if (!exact && how == "exact")
                {
                    console.Info($"This model is a {bundle.Model.Predictor.GetType().Name}: no exact SHAP values; explaining it by permutation SHAP.");
                    how = "permutation";
                }
                if (!exact) sampleRows = Math.Min(sampleRows, 200);
                var globalRows = table.Take(Enumerable.Range(0, sampleRows).ToArray());
                var global = inProbability ? explainer.ExplainProbability(globalRows, result.GetValue(threads))
                    : exact ? explainer.Explain(globalRows, result.GetValue(threads))
                    : new PermutationShap(bundle.Model.Predictor, sampleOf ?? Background(bundle.Model, table, 100), explainer.Columns, explainer.ColumnOfFeature)
                        .Explain(bundle.Model.Features.Transform(globalRows));
                var selected = table.Take(chosen);
                var local = how switch
                {
                    "exact" when inProbability => explainer.ExplainProbability(selected, result.GetValue(threads)),
                    "exact" => explainer.Explain(selected, result.GetValue(threads)),
                    "kernel" => new KernelShap(bundle.Model.Predictor,
                            sampleOf ?? Background(bundle.Model, table, 100),
                            explainer.Columns, explainer.ColumnOfFeature)
                        .Explain(bundle.Model.Features.Transform(selected)),
                    "permutation" => new PermutationShap(bundle.Model.Predictor,
                            sampleOf ?? Background(bundle.Model, table, 100),
                            explainer.Columns, explainer.ColumnOfFeature)
                        .Explain(bundle.Model.Features.Transform(selected)),
                    "lime" => null,
                    _ => throw new KeelDataException($"--method \"{how}\" is not one of exact, kernel, permutation, lime."),
                };
                var predictions = bundle.Model.Predict(selected);
                var lime = how == "lime" ? new LimeTabular(bundle.Model, table) : null;
                var limeExplanations = lime is null ? [] : chosen.Select((row, i) => (Row: row, Lime: lime.Explain(selected, i))).ToArray();
                var explanations = local is null ? [] : chosen.Select((row, i) => RowExplanation.Of(selected, local, predictions, bundle.Model.Target, i) with { Row = row }).ToArray();

                var pdpColumns = (result.GetValue(pdp) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
                var dependence = pdpColumns.Select(c => c.Split(':', StringSplitOptions.TrimEntries) switch
                {
                    [var one] => PartialDependence.Compute(bundle.Model, globalRows, [one], gridResolution: 50),
                    [var first, var second] => PartialDependence.Compute(bundle.Model, globalRows, [first, second], gridResolution: 20),
                    _ => throw new KeelDataException($"--pdp \"{c}\": give a column, or two joined by a colon (age:hours-per-week)."),
                }).ToArray();
                var interactionRows = result.GetValue(interactions);
                if (interactionRows < 0) throw new KeelDataException($"--interactions must be 0 or more rows; it is {interactionRows}.");
                var pairs = interactionRows == 0 ? null
                    : explainer.Interactions(globalRows.Take(Enumerable.Range(0, Math.Min(interactionRows, globalRows.RowCount)).ToArray()), result.GetValue(threads));
                var predictionName = bundle.Model.Target.Task switch
                {
                    TaskKind.Binary => $"P({bundle.Model.Target.Classes[1]})",
                    TaskKind.Multiclass => $"P({bundle.Model.Target.Classes[0]})",
                    TaskKind.Anomaly => "expected path length",
                    _ => bundle.Manifest.Label,
                };
                var importance = global.Features.Zip(global.MeanAbsolute()).OrderByDescending(p => p.Second).ToArray();
                var n = Math.Max(1, result.GetValue(top));
                var overall = new Spectre.Console.Table().AddColumns("input", $"mean |SHAP| ({units})");
                foreach (var (column, value) in importance.Take(10)) overall.AddRow(Markup.Escape(column), value.ToString("0.0000", CultureInfo.InvariantCulture));
                console.Heading($"What matters overall (over {sampleRows:N0} rows)");
                console.Table(overall);
                foreach (var e in explanations)
                {
                    console.Heading($"Row {e.Row}: {e.Prediction}");
                    console.Info(ExplanationReport.Reasons(e with { Contributions = e.Contributions.Take(n).ToArray() }, units));
                }
                if (pairs is not null)
                {
                    var strongest = new Spectre.Console.Table().AddColumns("inputs", $"mean |interaction| ({units})");
                    foreach (var (first, second, value) in pairs.StrongestPairs(10))
                        strongest.AddRow(Markup.Escape($"{first} × {second}"), value.ToString("0.0000", CultureInfo.InvariantCulture));
                    console.Heading($"Which inputs act together (over {pairs.Rows:N0} rows)");
                    console.Table(strongest);
                }
                foreach (var (row, l) in limeExplanations)
                {
                    console.Heading(string.Create(CultureInfo.InvariantCulture, $"Row {row}: LIME surrogate {l.LocalPrediction:0.###} for the model's {l.ModelPrediction:0.###} (weighted R² {l.Score:0.##})"));
                    console.Info(string.Join(", ", l.Terms.Take(n).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Condition} ({t.Weight:+0.###;−0.###})"))));
                }
                if (outPath is not null)
                {
                    var html = ExplanationReport.Build(new ExplanationContent
                    {
                        Model = $"{bundle.Manifest.Name} v{bundle.Manifest.Version}",
                        Data = Path.GetFileName(result.GetRequiredValue(read.Data)),
                        Global = global,
                        Units = units,
                        GlobalRows = globalRows,
                        Rows = explanations,
                        Lime = limeExplanations,
                        Dependence = dependence,
                        PredictionName = predictionName,
                        Interactions = pairs,
                    });
                    Keel.Data.Io.AtomicFile.WriteAllText(outPath, html.Render());
                    console.Success($"Wrote the explanation report to {Path.GetFullPath(outPath)}.");
                }
                console.Result(new
                {
                    model = bundle.Manifest.Name,
                    version = bundle.Manifest.Version,
                    units,
                    method = how switch
                    {
                        "kernel" => "kernel",
                        "permutation" => "permutation",
                        "lime" => "lime",
                        _ => explainer.Background > 0 ? $"interventional, {explainer.Background} background rows" : "path-dependent",
                    },
                    baseValue = global.BaseValue,
                    importance = importance.Select(p => new { column = p.First, meanAbsShap = p.Second }),
                    rows = explanations.Select(e => new
                    {
                        row = e.Row,
                        prediction = e.Prediction,
                        explained = e.Explained,
                        baseValue = e.BaseValue,
                        rawScore = e.RawScore,
                        contributions = e.Contributions.Select(c => new { column = c.Column, value = c.Value, shap = c.Shap }),
                    }),
                    lime = limeExplanations.Select(x => new
                    {
                        row = x.Row,
                        modelPrediction = x.Lime.ModelPrediction,
                        localPrediction = x.Lime.LocalPrediction,
                        score = x.Lime.Score,
                        intercept = x.Lime.Intercept,
                        terms = x.Lime.Terms.Select(t => new { column = t.Column, condition = t.Condition, weight = t.Weight }),
                    }),
                    partialDependence = dependence.Select(d => new
                    {
                        columns = d.Columns,
                        grids = d.Grid,
                        average = Enumerable.Range(0, d.Grid.Aggregate(1, (n, g) => n * g.Count)).Select(p => d.At(p)),
                        of = predictionName,
                    }),
                    interactions = pairs?.StrongestPairs(20).Select(p => new { first = p.First, second = p.Second, meanAbsInteraction = p.MeanAbsolute }),
                    report = outPath is null ? null : Path.GetFullPath(outPath),
                });
                return ExitCodes.Success;
            });
        }, ct));
        return command;
    }

    /// <summary>The features of up to <paramref name="rows"/> distinct rows of the data, drawn with a fixed seed.</summary>
    private static Keel.Learn.Featurization.FeatureMatrix Background(Keel.Learn.Models.Model model, Keel.Data.Table table, int rows)
    {
        var order = Enumerable.Range(0, table.RowCount).ToArray();
        new Random(42).Shuffle(order);
        return model.Features.Transform(table.Take(order.AsSpan(0, Math.Min(rows, order.Length))));
    }

    private static int[] ParseRows(string? text, int rowCount)
    {
        if (string.IsNullOrWhiteSpace(text)) return rowCount > 0 ? [0] : throw new KeelDataException("The data has no rows to explain.");
        var rows = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var row))
                throw new KeelDataException($"--rows: '{part}' is not a row number; give 0-based row numbers separated by commas, e.g. --rows 0,5,9.");
            if (row >= rowCount)
                throw new KeelDataException($"--rows: row {row} does not exist; the data has {rowCount:N0} rows (0 to {rowCount - 1}).");
            rows.Add(row);
        }
        return [.. rows];
    }
}

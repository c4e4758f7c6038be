using System.CommandLine;
using System.Globalization;
using Keel.Learn.Bundles;
using Keel.Learn.Training;
using Spectre.Console;

namespace Keel.Cli.Commands;

/// <summary><c>keel inspect</c>: verify a bundle and show its manifest.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var model = ModelOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the manifest as JSON on standard output." };
        var command = new Command("inspect", "Verify a model bundle's checksums and show its manifest: task, signature, metrics, lineage.");
        command.Options.Add(model);
        command.Options.Add(json);
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                var path = result.GetRequiredValue(model);
                var bundle = ModelBundle.Load(path);
                var m = bundle.Manifest;
                console.Success($"{path}: every part's SHA-256 checks out (file SHA-256 {bundle.FileSha256}).");
                var table = new Spectre.Console.Table().AddColumns("", "");
                table.AddRow("name", Markup.Escape($"{m.Name} v{m.Version}"));
                table.AddRow("task", m.Task.ToString().ToLowerInvariant());
                table.AddRow("label", Markup.Escape(m.Classes.Count > 0 ? $"{m.Label} ({string.Join(", ", m.Classes)}; positive: {m.PositiveClass ?? "–"})" : m.Label));
                table.AddRow("trainer", Markup.Escape($"{m.Trainer} ({string.Join(", ", m.Parameters.Select(p => $"{p.Key}={p.Value}"))})"));
                table.AddRow("inputs", Markup.Escape(string.Join(", ", m.Inputs.Select(i => $"{i.Name}: {i.Type.ToString().ToLowerInvariant()}"))));
                table.AddRow("outputs", Markup.Escape(string.Join(", ", m.Outputs.Select(o => $"{o.Name}: {o.DataType} [{string.Join(", ", o.Shape)}]"))));
                table.AddRow("metrics", Markup.Escape(string.Join(", ", m.Metrics.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Name} {x.Value:0.0000}")))));
                table.AddRow("training data", Markup.Escape($"{m.TrainingData.Source}: {m.TrainingData.Rows:N0} rows, fingerprint {m.TrainingData.Fingerprint}"));
                table.AddRow("seed", m.Seed.ToString(CultureInfo.InvariantCulture));
                table.AddRow("parent", Markup.Escape(m.Parent ?? "–"));
                table.AddRow("recipe", Markup.Escape(bundle.Recipe is { } r ? Describe(r) : "none (trained before recipes were saved, or imported): keel retrain cannot re-run it"));
                if (bundle.Decision is { } decision)
                    table.AddRow("decision threshold", Markup.Escape(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"{decision.Threshold:0.####}, chosen to maximise {decision.Value.Name} ({decision.Value.Format(decision.Chosen.PerDecision)} per decision on {decision.Rows:N0} out-of-fold rows; 0.5 gives {decision.Value.Format(decision.AtDefault.PerDecision)}); see {ModelBundle.DecisionPart}")));
                table.AddRow("ONNX export", bundle.Onnx is null ? "no" : $"yes ({bundle.Onnx.Length:N0} bytes)");
                table.AddRow("explanations", Markup.Escape(Explanations(bundle)));
                table.AddRow("created", m.CreatedAt.ToString("u", CultureInfo.InvariantCulture) + $" by Keel {m.KeelVersion}");
                console.Table(table);
                console.Result(new { manifest = m, sha256 = bundle.FileSha256, onnx = bundle.Onnx is not null, backgroundRows = bundle.Background?.Rows.Count ?? 0, recipe = bundle.Recipe, decision = bundle.Decision });
                return ExitCodes.Success;
            });
        }, ct));
        return command;
    }

    /// <summary>How the model is explained, and whether the bundle keeps training rows to do it.</summary>
    private static string Explanations(ModelBundle bundle) => bundle switch
    {
        { Model.Predictor: Keel.Learn.Models.TreeEnsemble } => "exact (TreeSHAP)",
        { Model.Predictor: Keel.Learn.Models.LinearModel } => "exact (linear)",
        { Model.Target.Task: Keel.Learn.TaskKind.Anomaly } => "none (Keel explains Isolation Forest detectors)",
        { Background: { } b } => $"permutation SHAP against {b.Rows.Count} training rows kept in the bundle ({ModelBundle.BackgroundPart})",
        _ => "none in keel serve: no exact SHAP values and no background rows kept (retrain to keep them); keel explain --data explains it",
    };

    /// <summary>The recipe in one paragraph: what keel retrain re-runs.</summary>
    private static string Describe(TrainingRecipe r)
    {
        var given = r.Reading.Types.Select(t => $"{t.Key}={t.Value.ToString().ToLowerInvariant()}")
            .Concat(r.Reading.Roles.Select(x => $"{x.Key}: {x.Value.ToString().ToLowerInvariant()}")).ToList();
        var lines = new List<string>
        {
            $"{r.Trainer} ({string.Join(", ", r.Parameters.Select(p => $"{p.Key}={p.Value}"))}) on '{r.Source}' (fingerprint {r.Fingerprint})",
            string.Create(CultureInfo.InvariantCulture, $"label {r.Label} ({r.Task.ToString().ToLowerInvariant()}{(r.PositiveClass is null ? "" : $", positive {r.PositiveClass}")}), {r.TestFraction:0.##} held out, seed {r.Seed}, {r.Threads} {(r.Threads == 1 ? "thread" : "threads")}"),
            r.Featurization is { } f ? $"featurization: at most {f.MaxCategories} categories a column, each seen in at least {f.MinCategoryCount} rows" : "featurization: the trainer's own",
            r.Selection is { } s ? $"chosen by {s.Folds}-fold cross-validation on {s.Metric ?? "the task's metric"} among {string.Join(", ", s.Candidates)}" : "trainer given, not selected",
        };
        if (given.Count > 0 || r.Reading.Separator is not null || r.Reading.HasHeader is not null)
            lines.Add($"read with {string.Join(", ", new[] { r.Reading.Separator is { } sep ? $"separator '{sep}'" : null, r.Reading.HasHeader is { } h ? $"header {h.ToString().ToLowerInvariant()}" : null }.OfType<string>().Concat(given))}");
        lines.Add(r.NotRetrainable is null ? "keel retrain re-runs it exactly" : "keel retrain cannot re-run it: " + r.NotRetrainable);
        return string.Join("\n", lines);
    }
}

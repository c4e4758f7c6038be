using System.CommandLine;
using System.Text;
using Keel.Data;
using Keel.Fairness;
using Keel.Fairness.Cards;
using Keel.Learn.Bundles;
using Keel.Learn.Evaluation;
using Keel.Reports;
using Keel.Serving;
using Keel.Store;

namespace Keel.Cli.Commands;

/// <summary>
/// <c>keel card</c>: a model card (HTML and JSON in the Model Card Toolkit's schema) from a bundle or a registered
/// version, evaluated, audited for fairness and explained on the given data, with what the owner wrote in a YAML
/// file. For a registered version the owner's fields are recorded as version tags, where a promotion policy can
/// require them.
/// </summary>
internal static class CardCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "The model: a bundle (.keel) or a registered version, name@alias or name@version (with --store).", Required = true };
        var read = new ReadOptions();
        read.Data.Required = false;
        read.Sensitive.Description = "The sensitive columns to audit by group, comma-separated or repeated (e.g. sex,race). [default: the columns the schema marks sensitive]";
        read.Data.Description = "Labelled evaluation data (CSV or Parquet) for the metrics, the fairness audit (with --sensitive) and the explanations.";
        var owner = new Option<string?>("--owner") { Description = "The owner's part of the card, a YAML file: overview, owners, users, use_cases, limitations, tradeoffs, ethical_considerations, licenses, references." };
        var output = new Option<string>("--out", "-o") { Description = "The card as a web page.", DefaultValueFactory = _ => "model-card.html" };
        var jsonOut = new Option<string?>("--json-out") { Description = "The card as JSON (the Model Card Toolkit's field names). [default: the --out path with .json]" };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for the intervals.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap and the permutations.", DefaultValueFactory = _ => 42 };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the card as JSON on standard output." };
        var command = new Command("card", "Write a model card: details, parameters, metrics with intervals by group, fairness, what the model relies on, and the owner's considerations.")
            { model, owner, output, jsonOut, bootstrap, seed, store, json };
        read.AddTo(command);
        command.SetAction((result, cancellationToken) => Task.FromResult(CommandRunner.Run(result, json, console =>
        {
            var htmlPath = result.GetRequiredValue(output);
            var jsonPath = result.GetValue(jsonOut) ?? Path.ChangeExtension(htmlPath, ".json");
            TrainingRunner.RequireFolder(htmlPath, "--out");
            TrainingRunner.RequireFolder(jsonPath, "--json-out");
            var ownerText = result.GetValue(owner) is { } ownerPath
                ? (Path: ownerPath, Sections: ModelCardOwnerFile.Parse(File.Exists(ownerPath) ? File.ReadAllText(ownerPath) : throw new KeelDataException($"{ownerPath}: model card file not found."), ownerPath))
                : ((string Path, ModelCardOwnerSections Sections)?)null;

            var reference = result.GetRequiredValue(model);
            ModelBundle bundle;
            CardRegistryInfo? registry = null;
            var sections = ownerText?.Sections ?? new ModelCardOwnerSections();
            if (File.Exists(reference) || reference.EndsWith(".keel", StringComparison.OrdinalIgnoreCase) || !reference.Contains('@', StringComparison.Ordinal))
                bundle = ModelBundle.Load(reference);
            else
            {
                var spec = ModelSpec.Parse(reference);
                using var s = StoreOption.Open(result.GetRequiredValue(store));
                var version = s.Resolve(spec.Name, spec.Reference);
                bundle = ModelBundle.Load(s.GetBundle(version), $"{spec.Name} version {version.Version}");
                if (ownerText is { } written)
                {
                    Record(s, version, written.Sections);
                    console.Info($"Recorded the owner's fields ({string.Join(", ", written.Sections.Written())}) on {spec.Name} version {version.Version}.");
                }
                else sections = ModelCardOwnerSections.FromTags(s.GetVersionTags(spec.Name, version.Version));
                var aliases = s.GetModel(spec.Name).Aliases.Where(a => a.Value == version.Version).Select(a => a.Key).ToList();
                registry = new CardRegistryInfo(spec.Name, version.Version, aliases, version.CreatedBy, version.CreatedAt, version.BundleSha256, version.Parent);
            }

            var inputs = new ModelCardInputs { Bundle = bundle, Path = registry is null ? Path.GetFullPath(reference) : null, Registry = registry, Owner = sections };
            if (result.GetValue(read.Data) is { } dataPath)
            {
                var (data, sensitive) = read.ReadWithSensitive(result, console, cancellationToken);
                var n = result.GetValue(bootstrap);
                console.Info("Evaluating…");
                var evaluation = Evaluator.Evaluate(bundle.Model, data, n, result.GetValue(seed));
                FairnessAuditResult? audit = null;
                if (sensitive.Count > 0 && bundle.Model.Target.Task == Keel.Learn.TaskKind.Binary)
                {
                    console.Info($"Auditing fairness across {string.Join(", ", sensitive)}…");
                    audit = FairnessAudit.Run(bundle.Model, data, new FairnessAuditOptions { SensitiveColumns = sensitive, Bootstrap = n, Seed = result.GetValue(seed) });
                }
                else if (sensitive.Count == 0)
                    console.Warning("No --sensitive column was given, so the card has no fairness analysis by group.");
                console.Info("Measuring what the model relies on…");
                var importance = PermutationImportance.Compute(bundle.Model, data, seed: result.GetValue(seed));
                var svg = Plots.Importance(importance.Select(i => (i.Column, i.Mean)).ToArray(), "Permutation importance", "drop in the score when shuffled");
                inputs = inputs with
                {
                    Evaluation = evaluation,
                    EvaluationData = Path.GetFileName(dataPath),
                    Fairness = audit,
                    Importance = importance.Select(i => (i.Column, i.Mean)).ToList(),
                    Graphics = [new Graphic("Permutation importance", "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg)))],
                };
            }
            var card = ModelCardBuilder.Build(inputs);
            Keel.Data.Io.AtomicFile.WriteAllText(htmlPath, ModelCardReport.Build(card).Render());
            Keel.Data.Io.AtomicFile.WriteAllText(jsonPath, card.ToJson());
            foreach (var warning in card.Warnings) console.Warning(warning);
            console.Success($"Wrote the model card of {card.ModelDetails.Name} (version {card.ModelDetails.Version.Name}) to {Path.GetFullPath(htmlPath)} and {Path.GetFullPath(jsonPath)}.");
            if (console.Json) console.Stdout.WriteLine(card.ToJson());
        })));
        return command;
    }

    /// <summary>Makes the version's card tags what the owner wrote now: written fields set, the others removed.</summary>
    private static void Record(IKeelStore store, ModelVersion version, ModelCardOwnerSections sections)
    {
        var tags = sections.ToTags();
        var existing = store.GetVersionTags(version.Model, version.Version);
        foreach (var (key, value) in tags)
            if (!existing.TryGetValue(key, out var old) || old != value) store.SetVersionTag(version.Model, version.Version, key, value);
        foreach (var key in existing.Keys.Where(k => k.StartsWith(ModelCardFields.TagPrefix, StringComparison.Ordinal) && !tags.ContainsKey(k)))
            store.SetVersionTag(version.Model, version.Version, key, null);
    }
}

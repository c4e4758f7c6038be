using System.Globalization;
using Keel.Data;
using Keel.Data.Profiling;
using Keel.Learn.Bundles;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Onnx;
using Keel.Learn.Training;

namespace Keel.Learn.Import;

/// <summary>
/// Makes an ordinary <see cref="ModelBundle"/> of a tree model trained by LightGBM or XGBoost: one numeric input
/// column per model feature, passed through as it is (a missing value stays NaN and follows each split's default
/// direction, as in the library that trained it), the imported trees, the link, and a manifest that says where the
/// model came from. Such a bundle predicts, serves, registers and exports to ONNX like one Keel trained.
/// </summary>
/// <remarks>
/// The bundle has no held-out evaluation and no model-selection record (Keel did not train it). Its reference
/// profile, the baseline of drift checks, is the profile of the reference table when one is given (it must hold
/// every input column), else a profile of the inputs with no rows.
/// </remarks>
/// <example>
/// <code>
/// var imported = XgboostJsonModel.Parse(File.ReadAllText("churn.json"), "churn.json");
/// var bundle = ModelImport.Build(imported, new ModelImportOptions { Name = "churn", Label = "Churn", Classes = ["No", "Yes"] });
/// bundle.Save("churn.keel");
/// </code>
/// </example>
public static class ModelImport
{
    public static ModelBundle Build(ImportedEnsemble imported, ModelImportOptions options, Table? reference = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(imported);
        ArgumentNullException.ThrowIfNull(options);
        clock ??= TimeProvider.System;
        var ensemble = imported.Ensemble;
        var source = options.Source.Length > 0 ? options.Source : $"the {imported.Format} model";

        var inputs = options.Inputs
                     ?? imported.FeatureNames?.Select(n => new ColumnSchema(n, ColumnType.Numeric)).ToArray()
                     ?? throw new KeelLearnException($"{source} stores no feature names. Name its {ensemble.FeatureCount} input columns, in the order the model was trained on, with --columns a,b,c or --schema schema.json.");
        var problems = new List<string>();
        if (inputs.Count != ensemble.FeatureCount)
            problems.Add($"the model has {ensemble.FeatureCount} features but {inputs.Count} input column{(inputs.Count == 1 ? " was" : "s were")} named ({Preview(inputs.Select(i => i.Name))}); name exactly {ensemble.FeatureCount}, in the order the model was trained on.");
        foreach (var name in inputs.GroupBy(i => i.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            problems.Add($"the input column '{name}' is named more than once.");
        foreach (var input in inputs)
        {
            if (string.IsNullOrWhiteSpace(input.Name)) problems.Add("an input column has an empty name.");
            else if (input.Type is not (ColumnType.Numeric or ColumnType.Boolean))
                problems.Add($"the input column '{input.Name}' is {input.Type.ToString().ToLowerInvariant()}, but an imported tree model reads numbers: declare it numeric (or boolean 0/1).");
        }
        if (string.IsNullOrWhiteSpace(options.Label)) problems.Add("the label name is empty.");
        else if (inputs.Any(i => i.Name == options.Label))
            problems.Add($"the label '{options.Label}' is also an input column; give the label another name (--label).");
        var target = Target(imported, options, problems);
        if (problems.Count > 0)
            throw new KeelLearnException($"Cannot import {source}: {string.Join(" ", problems)}");

        var plan = new FeaturePlan(inputs.Select(i => (FeatureEncoding)new NumericEncoding(i.Name, i.Type, Fill: double.NaN, MissingIndicator: false)).ToArray());
        var model = new Model
        {
            Target = target,
            Features = plan,
            Predictor = ensemble,
            Link = imported.Link,
            Trainer = imported.Trainer,
        };

        DataProfile profile;
        TrainingData data;
        if (reference is not null)
        {
            plan.Check(reference);
            profile = DataProfile.Build(reference);
            data = new TrainingData(options.ReferenceSource, DataFingerprint.Compute(reference), reference.RowCount, 0, 0);
        }
        else
        {
            profile = DataProfile.Build(new Table(inputs.Select(i => (Column)new NumericColumn(i.Name, [])).ToArray()));
            data = new TrainingData("none (imported model)", "", 0, 0, 0);
        }

        var manifest = BundleManifest.For(model, options.Name, imported.Trainer, data, clock.GetUtcNow()) with
        {
            Parameters = new Dictionary<string, string>
            {
                ["source"] = options.Source,
                ["objective"] = imported.Objective,
                ["trees"] = ensemble.Trees.Length.ToString(CultureInfo.InvariantCulture),
                ["features"] = ensemble.FeatureCount.ToString(CultureInfo.InvariantCulture),
            },
        };
        return new ModelBundle { Manifest = manifest, Model = model, Profile = profile, Onnx = OnnxExporter.TryExport(model, out _) };
    }

    /// <summary>The target of the imported model; problems with the class names are added to <paramref name="problems"/>.</summary>
    private static Target Target(ImportedEnsemble imported, ModelImportOptions options, List<string> problems)
    {
        var outputs = imported.Ensemble.OutputCount;
        var given = options.Classes is { Count: > 0 } ? options.Classes : null;
        switch (imported.Task)
        {
            case TaskKind.Regression:
                if (given is not null)
                    problems.Add($"the model is a regression model ({imported.Objective}), so it has no classes; leave out --classes.");
                return new Target(options.Label, TaskKind.Regression, []);
            default:
            {
                var expected = imported.Task == TaskKind.Binary ? 2 : outputs;
                var classes = given ?? Enumerable.Range(0, expected).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray();
                if (classes.Count != expected)
                    problems.Add($"the model is a {imported.Task.ToString().ToLowerInvariant()} classifier with {expected} classes, but {classes.Count} class name{(classes.Count == 1 ? " was" : "s were")} given ({Preview(classes)}); give {expected}, in the order of the model's outputs{(expected == 2 ? " (negative, then positive)" : "")}.");
                foreach (var name in classes.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
                    problems.Add($"the class name '{name}' is given more than once.");
                if (classes.Any(string.IsNullOrEmpty)) problems.Add("a class name is empty.");
                return new Target(options.Label, imported.Task, classes);
            }
        }
    }

    private static string Preview(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 8 ? string.Join(", ", list) : string.Join(", ", list.Take(8)) + $", … ({list.Count - 8} more)";
    }
}

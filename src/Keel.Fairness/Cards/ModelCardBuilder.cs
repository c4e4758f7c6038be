using System.Globalization;
using Keel.Data;
using Keel.Fairness.Metrics;
using Keel.Learn;

namespace Keel.Fairness.Cards;

/// <summary>
/// Fills a <see cref="ModelCard"/>: model details from the manifest and the registry, parameters from the trainer and
/// the input signature, quantitative analysis from the evaluation (with its bootstrap intervals) and from the fairness
/// audit (every group a slice, with its interval, and the disparity measures), and considerations from what the owner
/// wrote. What the owner has not written is listed in <see cref="ModelCard.Warnings"/>, never invented.
/// </summary>
public static class ModelCardBuilder
{
    /// <summary>The per-group metrics a card shows for each slice, when the audit computed them.</summary>
    private static readonly string[] SliceMetrics = ["accuracy", "selection_rate", "true_positive_rate", "false_positive_rate", "roc_auc"];

    public static ModelCard Build(ModelCardInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var manifest = inputs.Bundle.Manifest;
        var owner = inputs.Owner;
        var warnings = new List<string>();

        var name = inputs.Registry?.Model ?? manifest.Name;
        var version = inputs.Registry is { } r
            ? new CardVersion(r.Version.ToString(CultureInfo.InvariantCulture), r.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.Parent is { } p ? $"Retrained from {p}." : null)
            : new CardVersion(manifest.Version, manifest.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), manifest.Parent is { } mp ? $"Retrained from {mp}." : null);
        var details = new ModelDetails(
            name,
            owner.Overview ?? Overview(inputs),
            owner.Documentation,
            owner.Owners,
            version,
            owner.Licenses.Select(l => l.Length <= 40 && !l.Contains(' ', StringComparison.Ordinal) ? new License(l, null) : new License(null, l)).ToList(),
            owner.References.Select(x => new CardReference(x)).ToList(),
            owner.Citations.Select(c => new CardCitation(null, c)).ToList(),
            inputs.Path ?? (inputs.Registry is { } reg ? $"models:/{reg.Model}/{reg.Version}" : null));

        var sensitive = inputs.Bundle.Profile.Columns.Where(c => c.Role == ColumnRole.Sensitive).Select(c => c.Name)
            .Concat(inputs.Fairness?.SensitiveColumns ?? []).Distinct().ToList();
        var data = new List<CardDataset>
        {
            new(manifest.TrainingData.Source, null, sensitive.Count > 0 ? new SensitiveColumns(sensitive) : null,
                $"Training data (fingerprint {Short(manifest.TrainingData.Fingerprint)}); {manifest.TrainingData.TestRows:N0} of its rows were held out for the recorded evaluation.",
                manifest.TrainingData.Rows),
        };
        if (inputs.Evaluation is { } evaluation)
            data.Add(new CardDataset(inputs.EvaluationData ?? "evaluation data", null, null, "Evaluation data for this card.", evaluation.Rows));
        var parameters = new ModelParameters(
            Architecture(manifest.Trainer, manifest.Parameters),
            data,
            string.Join("; ", manifest.Inputs.Select(i => $"{i.Name} ({i.Type.ToString().ToLowerInvariant()})")),
            string.Join("; ", manifest.Outputs.Select(o => $"{o.Name} ({o.DataType})")));

        var metrics = new List<PerformanceMetric>();
        var overall = inputs.Evaluation?.Metrics ?? manifest.Metrics;
        metrics.AddRange(overall.Select(m => new PerformanceMetric(m.Name, m.Value, "",
            m.Lower is { } lo && m.Upper is { } hi ? new ConfidenceInterval(lo, hi) : null)));
        foreach (var analysis in inputs.Fairness?.Analyses ?? [])
        {
            var frame = analysis.Frame;
            foreach (var group in frame.ByGroup)
            {
                var slice = string.Join(", ", frame.SensitiveFeatureNames.Zip(group.Values, (f, v) => $"{f}={v}"));
                foreach (var metric in SliceMetrics.Where(frame.Metrics.Contains))
                    metrics.Add(Metric(metric, group[metric], slice));
                metrics.Add(new PerformanceMetric("count", group.Count, slice, null));
            }
            foreach (var measure in analysis.Measures.Where(m => m.Method == GroupMethod.BetweenGroups))
                metrics.Add(Metric(measure.Name, measure.Value, analysis.Name));
        }
        if (inputs.Fairness is { } audit) warnings.AddRange(audit.Warnings);
        var graphics = inputs.Graphics.Count > 0 || inputs.Importance.Count > 0
            ? new Graphics(inputs.Importance.Count > 0
                ? "What the model relies on most: " + string.Join(", ", inputs.Importance.Take(5).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Feature} ({i.Importance:0.####})"))) + " (permutation importance: the drop in the score when a column is shuffled)."
                : null, inputs.Graphics)
            : null;

        var considerations = new Considerations(
            owner.Users.Select(u => new Described(u)).ToList(),
            owner.UseCases.Select(u => new Described(u)).ToList(),
            owner.Limitations.Select(u => new Described(u)).ToList(),
            owner.Tradeoffs.Select(u => new Described(u)).ToList(),
            owner.EthicalConsiderations);
        var unwritten = new[] { "owners", "users", "use_cases", "limitations", "tradeoffs", "ethical_considerations" }.Where(f => !owner.Has(f)).ToList();
        if (unwritten.Count > 0)
            warnings.Insert(0, $"The owner has not written: {string.Join(", ", unwritten.Select(f => f.Replace('_', ' ')))}. Add them to the card file (see docs/governance.md#model-cards).");

        return new ModelCard(details, parameters, new QuantitativeAnalysis(metrics, graphics), considerations) { Warnings = warnings.Distinct().ToList() };
    }

    private static PerformanceMetric Metric(string type, FairnessValue value, string slice) =>
        new(type, value.Value, slice, value.Lower is { } lo && value.Upper is { } hi ? new ConfidenceInterval(lo, hi) : null,
            value.UndefinedReason is { } why ? $"undefined: {why}" : value.Note);

    private static string Overview(ModelCardInputs inputs)
    {
        var m = inputs.Bundle.Manifest;
        var what = m.Task switch
        {
            TaskKind.Binary => $"A binary classifier that predicts '{m.Label}'{(m.PositiveClass is { } p ? $" (positive class '{p}')" : "")}",
            TaskKind.Multiclass => $"A classifier that predicts '{m.Label}' among {m.Classes.Count} classes",
            TaskKind.Regression => $"A regression model that predicts '{m.Label}'",
            _ => $"A model of '{m.Label}'",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{what} from {m.Inputs.Count} inputs, trained with {m.Trainer} on {m.TrainingData.Source} ({m.TrainingData.Rows:N0} rows) on {m.CreatedAt:yyyy-MM-dd}.");
    }

    private static string Architecture(string trainer, IReadOnlyDictionary<string, string> parameters) =>
        parameters.Count == 0 ? trainer : $"{trainer} ({string.Join(", ", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))})";

    private static string Short(string fingerprint) => fingerprint.Length > 16 ? fingerprint[..16] + "…" : fingerprint;
}

using System.Globalization;
using System.Text.Json;
using Keel.Data;
using Keel.Fairness.Cards;
using Keel.Learn.Bundles;
using Keel.Learn.Evaluation;
using Keel.Monitoring.Drift;
using Keel.Store;

namespace Keel.Lifecycle.Promotion;

/// <summary>
/// Gathers the <see cref="PromotionEvidence"/> a policy asks for. With evaluation data (labelled, holding the policy's
/// sensitive columns) the metrics, fairness measures and drift are computed on it; without, the metrics are the ones
/// registered with the version and fairness and drift are reported as unavailable, so a policy that limits them fails.
/// </summary>
public static class PromotionEvidenceCollector
{
    public static PromotionEvidence Collect(PromotionPolicy policy, ModelVersion version, ModelBundle bundle,
        IReadOnlyDictionary<string, string> versionTags, Table? data = null, string dataName = "the evaluation data")
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(bundle);
        var evidence = new PromotionEvidence
        {
            Model = version.Model,
            Version = version.Version,
            Card = ModelCardOwnerSections.FromTags(versionTags),
        };
        if (data is null)
            return evidence with
            {
                Metrics = RegisteredMetrics(version),
                FairnessUnavailable = "no evaluation data was given (pass --data with the label and the sensitive columns)",
                DriftShare = Measured.Missing("no evaluation data was given (pass --data)"),
            };

        var label = bundle.Model.Target.Column;
        if (!data.Schema.Contains(label))
            throw new KeelDataException($"{dataName} has no column '{label}', the model's label: the gate evaluates the model on labelled data. Its columns are: {string.Join(", ", data.Schema.Names)}.");
        var missing = policy.Fairness.Keys.Where(c => !data.Schema.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new KeelDataException($"{dataName} has no column {string.Join(", ", missing.Select(m => $"'{m}'"))}, which the policy limits fairness for. Its columns are: {string.Join(", ", data.Schema.Names)}.");

        var evaluation = Evaluator.Evaluate(bundle.Model, data, resamples: 0);
        evidence = evidence with
        {
            Metrics = evaluation.Metrics.ToDictionary(m => m.Name, m => m.Value),
            MetricsSource = string.Create(CultureInfo.InvariantCulture, $"{dataName} ({evaluation.Rows:N0} rows)"),
        };
        if (policy.Fairness.Count > 0)
            evidence = evidence with { Fairness = FairnessEvidence.Measure(bundle.Model, data, policy.Fairness.Keys.ToList()) };
        if (policy.MaxDriftShare is not null)
        {
            var reference = ProfileReference.Build(bundle.Profile);
            var inputs = bundle.Manifest.Inputs.Select(i => i.Name).Where(n => reference.Schema.Contains(n) && data.Schema.Contains(n)).ToList();
            var drift = DatasetDrift.Detect(reference.Select(inputs), data.Select(inputs));
            evidence = evidence with
            {
                DriftShare = Measured.Of(drift.DriftedShare),
                DriftSource = $"{dataName} against the training data's profile",
            };
        }
        return evidence;
    }

    private static Dictionary<string, double> RegisteredMetrics(ModelVersion version)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, double>>(version.Metrics) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

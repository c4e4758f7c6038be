using System.Globalization;
using Keel.Store;

namespace Keel.Lifecycle.Promotion;

/// <summary>
/// Checks a version's <see cref="PromotionEvidence"/> against a <see cref="PromotionPolicy"/>: one
/// <see cref="GateCheck"/> per limit, each with a sentence that gives the number, the limit and what to do. A limit
/// that cannot be checked (no data for fairness, an undefined measure, a metric the evaluation lacks) fails: the gate
/// never passes a model on missing evidence. Pure: no store, no files.
/// </summary>
/// <example>
/// <code>
/// var policy = PromotionPolicy.Parse("metrics:\n  roc_auc: { min: 0.85 }\n");
/// var evidence = new PromotionEvidence { Model = "churn", Version = 3, Metrics = new Dictionary&lt;string, double&gt; { ["roc_auc"] = 0.81 } };
/// var decision = PromotionGate.Evaluate(policy, evidence);
/// // decision.Passed == false; decision.Checks[0].Detail:
/// // "roc_auc is 0.8100 on the registered evaluation; the policy needs at least 0.85."
/// </code>
/// </example>
public static class PromotionGate
{
    public static GateDecision Evaluate(PromotionPolicy policy, PromotionEvidence evidence, string? overrideJustification = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(evidence);
        var checks = new List<GateCheck>();
        foreach (var (metric, bound) in policy.Metrics)
            checks.Add(evidence.Metrics.TryGetValue(metric, out var value) && double.IsFinite(value)
                ? Check($"metric {metric}", bound.Admits(value),
                    $"{metric} is {F(value)} on {evidence.MetricsSource}; the policy needs {bound.Describe()}.")
                : new GateCheck($"metric {metric}", false,
                    $"{metric} is not among the metrics of {evidence.MetricsSource} ({(evidence.Metrics.Count == 0 ? "none" : string.Join(", ", evidence.Metrics.Keys))}), so the limit {bound.Describe()} cannot be checked."));

        foreach (var (column, limits) in policy.Fairness)
            foreach (var (measure, bound) in limits)
                checks.Add(FairnessCheck(evidence, column, measure, bound));

        if (policy.MaxDriftShare is { } maxShare)
            checks.Add(evidence.DriftShare is { Value: { } share }
                ? Check("drift", share <= maxShare,
                    string.Create(CultureInfo.InvariantCulture, $"{share:P0} of the input columns drifted from the training data on {evidence.DriftSource}; the policy allows at most {maxShare:P0}."))
                : new GateCheck("drift", false, $"Drift cannot be checked: {evidence.DriftShare?.Undefined ?? "no evaluation data was given"}."));

        foreach (var field in policy.RequiredCardFields)
            checks.Add(evidence.Card.Has(field)
                ? new GateCheck($"card {field}", true, $"The model card has its {field.Replace('_', ' ')}.")
                : new GateCheck($"card {field}", false,
                    $"The model card has no {field.Replace('_', ' ')}: write '{field}' in the card file and record it with `keel card --model {evidence.Model}@{evidence.Version} --owner card.yaml --store ...`."));

        return new GateDecision(policy.Sha256, checks, overrideJustification);
    }

    private static GateCheck FairnessCheck(PromotionEvidence evidence, string column, string measure, PolicyBound bound)
    {
        var name = $"fairness {column} {measure}";
        if (evidence.FairnessUnavailable is { } why)
            return new GateCheck(name, false, $"{measure} for '{column}' cannot be checked: {why}.");
        if (!evidence.Fairness.TryGetValue(column, out var measures) || !measures.TryGetValue(measure, out var measured))
            return new GateCheck(name, false, $"{measure} for '{column}' was not measured, so the limit {bound.Describe()} cannot be checked.");
        if (measured.Value is not { } value)
            return new GateCheck(name, false, $"{measure} for '{column}' is undefined ({measured.Undefined}), so the limit {bound.Describe()} cannot be checked.");
        return Check(name, bound.Admits(value), $"{measure} for '{column}' is {F(value)}; the policy needs {bound.Describe()}.");
    }

    private static GateCheck Check(string name, bool passed, string detail) => new(name, passed, detail);

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}

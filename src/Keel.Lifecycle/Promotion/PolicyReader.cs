using System.Globalization;
using Keel.Data;
using Keel.Learn;
using Keel.Fairness.Cards;
using Keel.Fairness.Metrics;
using YamlDotNet.RepresentationModel;

namespace Keel.Lifecycle.Promotion;

/// <summary>Reads <see cref="PromotionPolicy"/> YAML, collecting every problem with its line before failing once.</summary>
internal sealed class PolicyReader
{
    /// <summary>The fairness measures a policy may limit (Fairlearn's names).</summary>
    internal static readonly IReadOnlyList<string> LimitableMeasures =
    [
        FairnessMeasures.DemographicParityDifferenceName, FairnessMeasures.DemographicParityRatioName,
        FairnessMeasures.EqualizedOddsDifferenceName, FairnessMeasures.EqualizedOddsRatioName,
        FairnessMeasures.EqualOpportunityDifferenceName, FairnessMeasures.EqualOpportunityRatioName,
    ];

    private readonly string _source;
    private readonly List<string> _problems = [];

    private PolicyReader(string source) => _source = source;

    public static PromotionPolicy Read(string text, string source)
    {
        var reader = new PolicyReader(source);
        var root = YamlMappingText.Load(text, source, "a promotion policy is a YAML mapping with any of: guards, metrics, fairness, drift, card.");
        var policy = reader.Policy(root) with { Text = text };
        if (reader._problems.Count > 0)
            throw new KeelDataException($"{source} is not a valid promotion policy: " + string.Join(" ", reader._problems));
        if (policy.Metrics.Count == 0 && policy.Fairness.Count == 0 && policy.MaxDriftShare is null && policy.RequiredCardFields.Count == 0)
            throw new KeelDataException($"{source}: the policy checks nothing; give limits under metrics, fairness, drift or card.");
        return policy;
    }

    private void Problem(YamlNode node, string message) => _problems.Add($"line {node.Start.Line}, column {node.Start.Column}: {message}");

    private PromotionPolicy Policy(YamlMappingNode root)
    {
        var policy = new PromotionPolicy();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = Scalar(keyNode);
            switch (key)
            {
                case "guards":
                    var guards = Strings(value, "guards");
                    if (guards.Count == 0) Problem(value, "guards must name at least one alias (e.g. [champion]).");
                    else policy = policy with { Guards = guards };
                    break;
                case "metrics":
                    policy = policy with { Metrics = Bounds(value, "metrics", null) };
                    break;
                case "fairness":
                    policy = policy with { Fairness = Fairness(value) };
                    break;
                case "drift":
                    policy = policy with { MaxDriftShare = Drift(value) };
                    break;
                case "card":
                    policy = policy with { RequiredCardFields = Card(value) };
                    break;
                default:
                    Problem(keyNode, $"unknown section '{key}'; the sections are guards, metrics, fairness, drift and card.");
                    break;
            }
        }
        return policy;
    }

    private IReadOnlyDictionary<string, PolicyBound> Bounds(YamlNode node, string section, IReadOnlyList<string>? allowed)
    {
        var bounds = new Dictionary<string, PolicyBound>(StringComparer.Ordinal);
        if (node is not YamlMappingNode map)
        {
            Problem(node, $"{section} is a mapping from a name to {{ min: ..., max: ... }}.");
            return bounds;
        }
        foreach (var (keyNode, value) in map.Children)
        {
            var name = Scalar(keyNode);
            if (allowed is not null && !allowed.Contains(name))
            {
                Problem(keyNode, $"'{name}' is not a fairness measure a policy can limit; use one of {string.Join(", ", allowed)}.");
                continue;
            }
            if (Bound(value, $"{section}.{name}") is { } bound) bounds[name] = bound;
        }
        return bounds;
    }

    private PolicyBound? Bound(YamlNode node, string where)
    {
        if (node is not YamlMappingNode map)
        {
            Problem(node, $"{where} needs {{ min: ... }} or {{ max: ... }}.");
            return null;
        }
        double? min = null, max = null;
        var given = false;
        foreach (var (keyNode, value) in map.Children)
        {
            switch (Scalar(keyNode))
            {
                case "min": min = Number(value, $"{where}.min"); given = true; break;
                case "max": max = Number(value, $"{where}.max"); given = true; break;
                default: Problem(keyNode, $"{where} takes min and max, not '{Scalar(keyNode)}'."); break;
            }
        }
        if (min is null && max is null)
        {
            if (!given) Problem(node, $"{where} needs min or max.");
            return null;
        }
        if (min > max) Problem(node, $"{where}: min {min} is above max {max}.");
        return new PolicyBound(min, max);
    }

    private IReadOnlyDictionary<string, IReadOnlyDictionary<string, PolicyBound>> Fairness(YamlNode node)
    {
        var fairness = new Dictionary<string, IReadOnlyDictionary<string, PolicyBound>>(StringComparer.Ordinal);
        if (node is not YamlMappingNode map)
        {
            Problem(node, "fairness maps each sensitive column to its limits, e.g. sex: { demographic_parity_difference: { max: 0.05 } }.");
            return fairness;
        }
        foreach (var (keyNode, value) in map.Children)
        {
            var column = Scalar(keyNode);
            var limits = Bounds(value, $"fairness.{column}", LimitableMeasures);
            if (limits.Count > 0) fairness[column] = limits;
        }
        return fairness;
    }

    private double? Drift(YamlNode node)
    {
        if (node is YamlMappingNode map && map.Children.Count == 1 && Scalar(map.Children.First().Key) == "max_drift_share")
        {
            var share = Number(map.Children.First().Value, "drift.max_drift_share");
            if (share is < 0 or > 1) Problem(map, "drift.max_drift_share is a share of columns, from 0 to 1.");
            return share;
        }
        Problem(node, "drift takes one setting: max_drift_share (a share of columns from 0 to 1).");
        return null;
    }

    private IReadOnlyList<string> Card(YamlNode node)
    {
        if (node is YamlMappingNode map && map.Children.Count == 1 && Scalar(map.Children.First().Key) == "required")
        {
            var fields = Strings(map.Children.First().Value, "card.required");
            foreach (var f in fields.Where(f => !ModelCardFields.OwnerFields.Contains(f)))
                Problem(map.Children.First().Value, $"'{f}' is not a model-card field an owner writes; use {string.Join(", ", ModelCardFields.OwnerFields)}.");
            return fields;
        }
        Problem(node, "card takes one setting: required (a list of model-card fields).");
        return [];
    }

    private List<string> Strings(YamlNode node, string where)
    {
        if (node is YamlSequenceNode seq) return seq.Children.Select(Scalar).Where(s => s.Length > 0).ToList();
        if (node is YamlScalarNode one && !string.IsNullOrWhiteSpace(one.Value)) return [one.Value!];
        Problem(node, $"{where} is a list, e.g. [a, b].");
        return [];
    }

    private double? Number(YamlNode node, string where)
    {
        if (node is YamlScalarNode s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        Problem(node, $"{where} must be a number, not '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}'.");
        return null;
    }

    private string Scalar(YamlNode node)
    {
        if (node is YamlScalarNode s) return s.Value ?? "";
        Problem(node, "expected a single value here.");
        return "";
    }
}

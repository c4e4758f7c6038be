using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Keel.Learn.Decisions;

/// <summary>Reads a KPI file (YAML, or JSON, which is YAML too), collecting every problem with its line and column before failing once.</summary>
internal sealed class DecisionValueReader
{
    private const string Expected = "a KPI file is a mapping with name, unit, description and the four values true_positive, false_positive, false_negative, true_negative (e.g. true_positive: 450).";

    private static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["tp"] = "true_positive", ["fp"] = "false_positive", ["fn"] = "false_negative", ["tn"] = "true_negative",
    };

    private readonly List<string> _problems = [];

    public static DecisionValue Read(string text, string source)
    {
        var root = YamlMappingText.Load(text, source, Expected);
        var reader = new DecisionValueReader();
        var value = reader.Value(root);
        if (reader._problems.Count > 0 || value is null)
            throw new KeelLearnException($"{source} is not a valid KPI: " + string.Join(" ", reader._problems));
        return value;
    }

    private DecisionValue? Value(YamlMappingNode root)
    {
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
        string name = "value", unit = "";
        string? description = null;
        foreach (var (keyNode, node) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            key = Aliases.GetValueOrDefault(key, key);
            switch (key)
            {
                case "name": name = Text(node, key) ?? name; break;
                case "unit" or "currency": unit = Text(node, key) ?? unit; break;
                case "description": description = Text(node, key); break;
                case "true_positive" or "false_positive" or "false_negative" or "true_negative":
                    if (numbers.ContainsKey(key)) Problem(keyNode, $"{key} is given twice.");
                    else if (Number(node, key) is { } v) numbers[key] = v;
                    break;
                default:
                    Problem(keyNode, $"unknown key '{key}'; {Expected}");
                    break;
            }
        }
        var missing = new[] { "true_positive", "false_positive", "false_negative", "true_negative" }.Where(k => !numbers.ContainsKey(k)).ToArray();
        if (missing.Length > 0)
            _problems.Add($"line {root.Start.Line}, column {root.Start.Column}: {string.Join(", ", missing)} {(missing.Length == 1 ? "is" : "are")} missing; give every outcome a value (0 where it is worth nothing).");
        if (string.IsNullOrWhiteSpace(name)) Problem(root, "name must not be empty.");
        if (_problems.Count > 0) return null;
        return new DecisionValue
        {
            Name = name.Trim(), Unit = unit.Trim(), Description = description,
            TruePositive = numbers["true_positive"], FalsePositive = numbers["false_positive"],
            FalseNegative = numbers["false_negative"], TrueNegative = numbers["true_negative"],
        };
    }

    private string? Text(YamlNode node, string key)
    {
        if (node is YamlScalarNode scalar) return scalar.Value ?? "";
        Problem(node, $"{key} must be text.");
        return null;
    }

    private double? Number(YamlNode node, string key)
    {
        if (node is YamlScalarNode { Value: { } text }
            && double.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            && double.IsFinite(v))
            return v;
        Problem(node, $"{key} must be a finite number (e.g. -500 or 450.5); it is '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}'.");
        return null;
    }

    private void Problem(YamlNode node, string message) => _problems.Add($"line {node.Start.Line}, column {node.Start.Column}: {message}");
}

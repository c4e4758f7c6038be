using Keel.Data;
using Keel.Learn;
using YamlDotNet.RepresentationModel;

namespace Keel.Fairness.Cards;

/// <summary>
/// Reads the owner's part of a model card from YAML. Lists may be written as one string or a list; owners as
/// <c>name</c> strings or <c>{ name, contact }</c>; ethical considerations as strings or <c>{ name, mitigation_strategy }</c>.
/// Every mistake is listed with its line.
/// </summary>
/// <example>
/// <code>
/// var owner = ModelCardOwnerFile.Parse("""
///     overview: Predicts which customers are likely to cancel in the next month.
///     owners: [{ name: Retention analytics, contact: retention@example.com }]
///     use_cases: [Choose whom to offer a retention discount]
///     limitations: [Trained on one telecom's customers in 2023]
///     ethical_considerations:
///       - name: Offers could be withheld from some groups
///         mitigation_strategy: Fairness audit by senior citizen status before each promotion
///     """);
/// // owner.Has("limitations") == true, owner.Has("tradeoffs") == false
/// </code>
/// </example>
public static class ModelCardOwnerFile
{
    public static ModelCardOwnerSections Parse(string text, string source = "model card file")
    {
        var root = YamlMappingText.Load(text, source, $"a model card file is a YAML mapping of any of: {string.Join(", ", ModelCardFields.OwnerFields)}.");

        var problems = new List<string>();
        var card = new ModelCardOwnerSections();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            List<string> Texts() => Strings(value, key, problems);
            switch (key)
            {
                case "overview": card = card with { Overview = Text(value, key, problems) }; break;
                case "documentation": card = card with { Documentation = Text(value, key, problems) }; break;
                case "owners": card = card with { Owners = Pairs(value, key, "contact", problems).Select(p => new Owner(p.Name, p.Other)).ToList() }; break;
                case "licenses": card = card with { Licenses = Texts() }; break;
                case "references": card = card with { References = Texts() }; break;
                case "citations": card = card with { Citations = Texts() }; break;
                case "users": card = card with { Users = Texts() }; break;
                case "use_cases": card = card with { UseCases = Texts() }; break;
                case "limitations": card = card with { Limitations = Texts() }; break;
                case "tradeoffs": card = card with { Tradeoffs = Texts() }; break;
                case "ethical_considerations":
                    card = card with { EthicalConsiderations = Pairs(value, key, "mitigation_strategy", problems).Select(p => new Risk(p.Name, p.Other)).ToList() };
                    break;
                default:
                    problems.Add($"line {keyNode.Start.Line}: unknown field '{key}'; the fields are {string.Join(", ", ModelCardFields.OwnerFields)}.");
                    break;
            }
        }
        if (problems.Count > 0) throw new KeelDataException($"{source} is not a valid model card file: " + string.Join(" ", problems));
        return card;
    }

    private static string? Text(YamlNode node, string key, List<string> problems)
    {
        if (node is YamlScalarNode s) return string.IsNullOrWhiteSpace(s.Value) ? null : s.Value!.Trim();
        problems.Add($"line {node.Start.Line}: {key} is one piece of text.");
        return null;
    }

    private static List<string> Strings(YamlNode node, string key, List<string> problems)
    {
        switch (node)
        {
            case YamlScalarNode s:
                return string.IsNullOrWhiteSpace(s.Value) ? [] : [s.Value!.Trim()];
            case YamlSequenceNode seq:
                var list = new List<string>();
                foreach (var item in seq.Children)
                    if (item is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v)) list.Add(v.Trim());
                    else problems.Add($"line {item.Start.Line}: each item of {key} is one piece of text.");
                return list;
            default:
                problems.Add($"line {node.Start.Line}: {key} is a list of text.");
                return [];
        }
    }

    private static List<(string Name, string? Other)> Pairs(YamlNode node, string key, string other, List<string> problems)
    {
        var items = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
        var pairs = new List<(string, string?)>();
        foreach (var item in items)
        {
            if (item is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v)) pairs.Add((v.Trim(), null));
            else if (item is YamlMappingNode map)
            {
                string? name = null, second = null;
                foreach (var (k, val) in map.Children)
                {
                    var field = (k as YamlScalarNode)?.Value;
                    var text = (val as YamlScalarNode)?.Value?.Trim();
                    if (field == "name") name = text;
                    else if (field == other) second = text;
                    else problems.Add($"line {k.Start.Line}: an item of {key} has name and {other}, not '{field}'.");
                }
                if (string.IsNullOrWhiteSpace(name)) problems.Add($"line {map.Start.Line}: an item of {key} needs a name.");
                else pairs.Add((name, string.IsNullOrWhiteSpace(second) ? null : second));
            }
            else problems.Add($"line {item.Start.Line}: each item of {key} is a name or {{ name, {other} }}.");
        }
        return pairs;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Keel.Store;
using Keel.Tuning.Distributions;

namespace Keel.Tuning.Studies;

/// <summary>How trials' parameters and attributes are written to and read from a study's storage, as JSON.</summary>
internal static class TrialCodec
{
    public static string WriteParams(IReadOnlyDictionary<string, ParameterValue> parameters)
    {
        var o = new JsonObject();
        foreach (var (name, value) in parameters) o[name] = new JsonObject { ["distribution"] = value.Distribution.ToJson(), ["value"] = value.Internal };
        return o.ToJsonString();
    }

    public static Dictionary<string, ParameterValue> ReadParams(string json)
    {
        var result = new Dictionary<string, ParameterValue>();
        if (JsonNode.Parse(json) is not JsonObject o) return result;
        foreach (var (name, node) in o)
            result[name] = new ParameterValue(ParameterDistribution.FromJson(node!["distribution"]!), node["value"]!.GetValue<double>());
        return result;
    }

    public static string WriteAttributes(IReadOnlyDictionary<string, string> attributes) => JsonSerializer.Serialize(attributes);

    public static Dictionary<string, string> ReadAttributes(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject o) return [];
        return o.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? "");
    }

    public static FrozenTrial Freeze(TrialRecord record) =>
        new(record.Number, record.State, record.Value, ReadParams(record.Params), record.Intermediate)
        {
            UserAttributes = ReadAttributes(record.UserAttributes),
            StartedAt = record.StartedAt,
            FinishedAt = record.FinishedAt,
        };
}

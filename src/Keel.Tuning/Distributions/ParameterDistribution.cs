using System.Globalization;
using System.Text.Json.Nodes;

namespace Keel.Tuning.Distributions;

/// <summary>
/// Where a hyper-parameter's values come from. Every value has an internal form, a double: the number itself for
/// float and int parameters, the index of the choice for categorical ones. Samplers work on internal forms only.
/// </summary>
public abstract record ParameterDistribution
{
    /// <summary>Whether an internal value lies in the distribution (within range, on the step, a valid choice index).</summary>
    public abstract bool Contains(double internalValue);

    /// <summary>The value as the objective sees it: a double, a long or the choice's text.</summary>
    public abstract object ToExternal(double internalValue);

    /// <summary>The distribution as JSON, as studies store it.</summary>
    public abstract JsonObject ToJson();

    public static ParameterDistribution FromJson(JsonNode node)
    {
        var type = node["type"]?.GetValue<string>();
        return type switch
        {
            "float" => new FloatDistribution(node["low"]!.GetValue<double>(), node["high"]!.GetValue<double>(), node["log"]?.GetValue<bool>() ?? false, node["step"]?.GetValue<double>()),
            "int" => new IntDistribution(node["low"]!.GetValue<long>(), node["high"]!.GetValue<long>(), node["log"]?.GetValue<bool>() ?? false, node["step"]?.GetValue<long>() ?? 1),
            "categorical" => new CategoricalDistribution(node["choices"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray()),
            _ => throw new KeelTuningException($"A stored parameter has the unknown distribution type '{type}'; it was written by a newer Keel."),
        };
    }

    /// <summary>The text of an internal value in its distribution, for progress lines.</summary>
    public virtual string Format(double internalValue) => ToExternal(internalValue) switch
    {
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var o => o.ToString() ?? "",
    };
}

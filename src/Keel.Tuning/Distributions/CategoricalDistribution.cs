using System.Text.Json.Nodes;

namespace Keel.Tuning.Distributions;

/// <summary>One of a few named choices; the internal value is the choice's index (Optuna's <c>CategoricalDistribution</c>).</summary>
public sealed record CategoricalDistribution : ParameterDistribution
{
    public CategoricalDistribution(IReadOnlyList<string> choices)
    {
        if (choices.Count == 0) throw new KeelTuningException("Invalid categorical distribution: it needs at least one choice.");
        if (choices.Distinct().Count() != choices.Count)
            throw new KeelTuningException($"Invalid categorical distribution: the choices {string.Join(", ", choices)} repeat a value.");
        Choices = choices.ToArray();
    }

    public IReadOnlyList<string> Choices { get; }

    public override bool Contains(double internalValue) => internalValue >= 0 && internalValue < Choices.Count && internalValue == Math.Round(internalValue);

    public override object ToExternal(double internalValue) => Choices[(int)internalValue];

    public override JsonObject ToJson() => new() { ["type"] = "categorical", ["choices"] = new JsonArray(Choices.Select(c => (JsonNode)c).ToArray()) };

    public bool Equals(CategoricalDistribution? other) => other is not null && Choices.SequenceEqual(other.Choices);

    public override int GetHashCode() => Choices.Aggregate(17, (h, c) => h * 31 + c.GetHashCode(StringComparison.Ordinal));
}

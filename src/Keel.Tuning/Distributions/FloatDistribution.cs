using System.Text.Json.Nodes;

namespace Keel.Tuning.Distributions;

/// <summary>
/// Real values in [<see cref="Low"/>, <see cref="High"/>], sampled uniformly or on a log scale, optionally on a grid of
/// <see cref="Step"/> from <see cref="Low"/> (Optuna's <c>FloatDistribution</c>).
/// </summary>
public sealed record FloatDistribution : ParameterDistribution
{
    public FloatDistribution(double low, double high, bool log = false, double? step = null)
    {
        var problems = new List<string>();
        if (!double.IsFinite(low) || !double.IsFinite(high)) problems.Add($"low and high must be finite numbers; they are {low} and {high}.");
        else if (low >= high) problems.Add($"low ({low}) must be below high ({high}).");
        if (log && low <= 0) problems.Add($"a log scale needs low > 0; low is {low}.");
        if (log && step is not null) problems.Add("a log scale and a step cannot be combined.");
        if (step is { } s && !(s > 0 && double.IsFinite(s))) problems.Add($"step must be a positive number; it is {s}.");
        if (problems.Count > 0) throw new KeelTuningException("Invalid float distribution: " + string.Join(" ", problems));
        Low = low;
        High = step is { } st ? low + Math.Floor((high - low) / st + 1e-9) * st : high;
        Log = log;
        Step = step;
    }

    public double Low { get; }

    /// <summary>The largest value; with a step, the last grid point at or below the high asked for.</summary>
    public double High { get; }

    public bool Log { get; }

    public double? Step { get; }

    public override bool Contains(double internalValue) =>
        internalValue >= Low && internalValue <= High &&
        (Step is not { } s || Math.Abs(Math.Round((internalValue - Low) / s) * s + Low - internalValue) <= 1e-8 * Math.Max(1, Math.Abs(internalValue)));

    public override object ToExternal(double internalValue) => internalValue;

    public override JsonObject ToJson() => new() { ["type"] = "float", ["low"] = Low, ["high"] = High, ["log"] = Log, ["step"] = Step };
}

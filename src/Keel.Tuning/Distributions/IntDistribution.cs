using System.Text.Json.Nodes;

namespace Keel.Tuning.Distributions;

/// <summary>
/// Integers in [<see cref="Low"/>, <see cref="High"/>] on a grid of <see cref="Step"/> from <see cref="Low"/>,
/// sampled uniformly or on a log scale (Optuna's <c>IntDistribution</c>).
/// </summary>
public sealed record IntDistribution : ParameterDistribution
{
    public IntDistribution(long low, long high, bool log = false, long step = 1)
    {
        var problems = new List<string>();
        if (low >= high) problems.Add($"low ({low}) must be below high ({high}).");
        if (log && low < 1) problems.Add($"a log scale needs low >= 1; low is {low}.");
        if (step < 1) problems.Add($"step must be at least 1; it is {step}.");
        if (log && step != 1) problems.Add("a log scale needs step 1.");
        if (problems.Count > 0) throw new KeelTuningException("Invalid int distribution: " + string.Join(" ", problems));
        Low = low;
        High = low + (high - low) / step * step;
        Log = log;
        Step = step;
    }

    public long Low { get; }

    /// <summary>The largest value; the last grid point at or below the high asked for.</summary>
    public long High { get; }

    public bool Log { get; }

    public long Step { get; }

    public override bool Contains(double internalValue) =>
        internalValue >= Low && internalValue <= High && internalValue == Math.Round(internalValue) && ((long)internalValue - Low) % Step == 0;

    public override object ToExternal(double internalValue) => (long)Math.Round(internalValue);

    public override JsonObject ToJson() => new() { ["type"] = "int", ["low"] = Low, ["high"] = High, ["log"] = Log, ["step"] = Step };
}

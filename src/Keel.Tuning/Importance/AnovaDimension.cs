using Keel.Tuning.Distributions;

namespace Keel.Tuning.Importance;

/// <summary>
/// One parameter as the functional ANOVA sees it: an interval on the scale it is sampled on (its logarithm for a
/// log-scale parameter; widened by half a step for integer and stepped ones, so every grid point has the same
/// share), or a set of <see cref="Choices"/> with equal shares.
/// </summary>
internal sealed record AnovaDimension(double Low, double High, int Choices)
{
    public bool Categorical => Choices > 0;

    public static AnovaDimension For(ParameterDistribution distribution) => distribution switch
    {
        CategoricalDistribution c => new AnovaDimension(0, c.Choices.Count, c.Choices.Count),
        IntDistribution i => Scale(i.Low - i.Step / 2.0, i.High + i.Step / 2.0, i.Log),
        FloatDistribution { Step: { } s } f => new AnovaDimension(f.Low - s / 2, f.High + s / 2, 0),
        FloatDistribution f => Scale(f.Low, f.High, f.Log),
        _ => throw new KeelTuningException($"fANOVA does not know the distribution {distribution.GetType().Name}."),
    };

    private static AnovaDimension Scale(double low, double high, bool log) =>
        log ? new AnovaDimension(Math.Log(low), Math.Log(high), 0) : new AnovaDimension(low, high, 0);

    /// <summary>A parameter's internal value on this dimension's scale: its logarithm on a log scale, the choice's index for a categorical one.</summary>
    public static double Encode(ParameterDistribution distribution, double internalValue) => distribution switch
    {
        IntDistribution { Log: true } or FloatDistribution { Log: true } => Math.Log(internalValue),
        _ => internalValue,
    };
}

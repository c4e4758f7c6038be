using Keel.Tuning.Distributions;

namespace Keel.Tuning.Studies;

/// <summary>A suggested value of a parameter, in its internal form, with the distribution it came from.</summary>
public sealed record ParameterValue(ParameterDistribution Distribution, double Internal)
{
    /// <summary>The value as the objective saw it.</summary>
    public object External => Distribution.ToExternal(Internal);

    public override string ToString() => Distribution.Format(Internal);
}

using Keel.Tuning.Distributions;

namespace Keel.Tuning.Samplers;

/// <summary>
/// Chooses a parameter's value for a trial from the trials finished so far (define-by-run: a sampler sees one
/// parameter at a time, when the objective asks for it). Returns the value's internal form.
/// </summary>
public interface ISampler
{
    /// <summary>The sampler's name and settings, as studies record them.</summary>
    string Describe();

    double Sample(SamplingContext context, string name, ParameterDistribution distribution);
}

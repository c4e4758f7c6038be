using Keel.Tuning.Distributions;
using Keel.Tuning.Samplers;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Spaces;

/// <summary>The parameters, with their distributions, that make a search space build its trainer's defaults.</summary>
internal static class SearchSpaceDefaults
{
    public static IReadOnlyDictionary<string, ParameterValue> Parameters(ITrainerSearchSpace space)
    {
        var probe = Study.Open("defaults", new InMemoryStudyStorage(), StudyDirection.Maximize, new DefaultsSampler(space));
        probe.Optimize(t =>
        {
            space.Suggest(t);
            return 0;
        }, new OptimizeOptions { Trials = 1 });
        return probe.Trials.Single().Params;
    }

    /// <summary>Answers every parameter with the trainer's default; a default outside its range is a mistake in the space.</summary>
    private sealed class DefaultsSampler(ITrainerSearchSpace space) : ISampler
    {
        public string Describe() => "defaults";

        public double Sample(SamplingContext context, string name, ParameterDistribution distribution)
        {
            if (!space.Defaults.TryGetValue(name, out var value))
                throw new KeelTuningException($"The {space.Trainer} search space has no default for '{name}'.");
            var internalValue = distribution is CategoricalDistribution c ? c.Choices.ToList().IndexOf((string)value) : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
            if (!distribution.Contains(internalValue))
                throw new KeelTuningException($"The {space.Trainer} default {name} = {value} lies outside its search range {distribution.ToJson().ToJsonString()}.");
            return internalValue;
        }
    }
}

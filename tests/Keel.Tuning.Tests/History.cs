using Keel.Store;
using Keel.Tuning.Distributions;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Tests;

/// <summary>Hand-made trials for sampler and pruner tests.</summary>
internal static class History
{
    public static FrozenTrial Trial(int number, TrialState state, double? value, params (int Step, double Value)[] intermediate) =>
        new(number, state, value, new Dictionary<string, ParameterValue>(), intermediate.ToDictionary(p => p.Step, p => p.Value));

    public static FrozenTrial Complete(int number, double value, params (int Step, double Value)[] intermediate) =>
        Trial(number, TrialState.Complete, value, intermediate);

    public static FrozenTrial Running(int number, params (int Step, double Value)[] intermediate) =>
        Trial(number, TrialState.Running, null, intermediate);

    public static FrozenTrial Pruned(int number, params (int Step, double Value)[] intermediate) =>
        Trial(number, TrialState.Pruned, intermediate.Length == 0 ? null : intermediate[^1].Value, intermediate);

    public static FrozenTrial WithParam(this FrozenTrial trial, string name, ParameterDistribution distribution, double value) =>
        trial with { Params = new Dictionary<string, ParameterValue>(trial.Params) { [name] = new ParameterValue(distribution, value) } };
}

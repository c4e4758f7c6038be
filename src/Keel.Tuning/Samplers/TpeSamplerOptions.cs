namespace Keel.Tuning.Samplers;

/// <summary>The settings of <see cref="TpeSampler"/>, with Optuna's defaults.</summary>
public sealed record TpeSamplerOptions
{
    /// <summary>Trials drawn at random before TPE takes over. The default value is 10.</summary>
    public int StartupTrials { get; init; } = 10;

    /// <summary>Candidates drawn from the good trials' density, of which the best ratio wins. The default value is 24.</summary>
    public int EiCandidates { get; init; } = 24;

    /// <summary>Weight of the prior kernel against each observation's. The default value is 1.0.</summary>
    public double PriorWeight { get; init; } = 1.0;

    /// <summary>The seed of every draw. The default value is 42.</summary>
    public int Seed { get; init; } = 42;

    public IEnumerable<string> Validate()
    {
        if (StartupTrials < 0) yield return $"StartupTrials must be at least 0; it is {StartupTrials}.";
        if (EiCandidates < 1) yield return $"EiCandidates must be at least 1; it is {EiCandidates}.";
        if (!(PriorWeight > 0) || !double.IsFinite(PriorWeight)) yield return $"PriorWeight must be a positive number; it is {PriorWeight}.";
    }
}

namespace Keel.Tuning.Importance;

/// <summary>
/// The parameter importances of a study (<see cref="FanovaImportance"/>): the assessed parameters, most important
/// first; the parameters left out because only some complete trials have them; and, when nothing could be assessed,
/// why.
/// </summary>
/// <param name="Parameters">The assessed parameters, most important first; empty when there were too few trials to assess.</param>
/// <param name="Trials">The complete trials the forest learned from.</param>
/// <param name="Conditional">Parameters that only some complete trials have (a branch of the search space), not assessed.</param>
/// <param name="Reason">Why no importance could be computed (too few complete trials, one value for all) or why all are 0, or null.</param>
public sealed record ParameterImportances(IReadOnlyList<ParameterImportance> Parameters, int Trials, IReadOnlyList<string> Conditional, string? Reason)
{
    /// <summary>The importance of a parameter by name, or null when it was not assessed.</summary>
    public double? this[string name] => Parameters.FirstOrDefault(p => p.Name == name)?.Importance;
}

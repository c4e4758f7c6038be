namespace Keel.Tuning.Importance;

/// <summary>
/// How much of the variation of a study's objective one parameter explains on its own: its share of the summed main
/// effects (the importances of a study's assessed parameters sum to 1), and the spread of its share over the forest's trees.
/// </summary>
public sealed record ParameterImportance(string Name, double Importance, double StandardDeviation);

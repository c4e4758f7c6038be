namespace Keel.Learn.Ensembles;

/// <summary>An assembled ensemble, its out-of-fold outputs (the weighted average of its last layer's) and their score.</summary>
public sealed record EnsembleFit(StackedEnsemble Predictor, double[] OutOfFold, double Score, string Description);

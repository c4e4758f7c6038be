namespace Keel.Learn.Ensembles;

/// <summary>
/// An assembled ensemble, its out-of-fold outputs (the weighted average of its last layer's) and their score, and
/// the bagged fits of each layer it was made of (the last layer's with a positive weight only).
/// </summary>
public sealed record EnsembleFit(StackedEnsemble Predictor, double[] OutOfFold, double Score, string Description)
{
    public IReadOnlyList<IReadOnlyList<BaggedFit>> Sources { get; init; } = [];
}

namespace Keel.Learn.Anomaly;

/// <summary>
/// k-nearest-neighbour distance (Ramaswamy, Rastogi and Shim 2000; PyOD's <c>KNN(method="largest")</c>): the score is
/// the Euclidean distance from a row to its k-th nearest training row (training rows: to their k-th nearest other
/// row). "auto" flags the 10 % of training rows with the largest scores (PyOD's default contamination, 0.1). See
/// <see cref="NeighbourTrainer"/> for the scaling.
/// </summary>
/// <example>
/// <code>
/// var model = new KnnDistanceTrainer { Neighbours = 5 }.Fit(table, Target.Anomaly(table));
/// </code>
/// </example>
public sealed class KnnDistanceTrainer : NeighbourTrainer
{
    /// <summary>The number of neighbours k. The default value is 5 (PyOD's); the range is 1 to 10,000.</summary>
    public override int Neighbours { get; init; } = 5;

    public override string Name => "KnnDistance";

    protected override Models.NeighbourScoring Scoring => Models.NeighbourScoring.KthNeighbourDistance;

    protected override double AutoThreshold(double[] trainingScores) => Quantile(trainingScores, 0.9);
}

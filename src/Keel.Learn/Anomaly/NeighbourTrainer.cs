using System.Globalization;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Trainers;

namespace Keel.Learn.Anomaly;

/// <summary>
/// The nearest-neighbour detectors' common fit: numbers standardized (mean 0, population deviation 1, as
/// scikit-learn's <c>StandardScaler</c>), one-hot and missing indicators left at 0/1; every training row kept; each
/// training row's k nearest other rows found exactly (Euclidean; a k-d tree over up to 12 features, a scan above),
/// from which its k-distance,
/// local reachability density and training score follow. k is at most rows − 1, as scikit-learn.
/// </summary>
public abstract class NeighbourTrainer : AnomalyTrainer
{
    /// <summary>The number of neighbours k.</summary>
    public abstract int Neighbours { get; init; }

    /// <summary>The score the model gives.</summary>
    protected abstract NeighbourScoring Scoring { get; }

    protected override bool Standardize => true;

    protected override IEnumerable<KeyValuePair<string, string>> MethodParameters =>
        [new("n_neighbors", Neighbours.ToString(CultureInfo.InvariantCulture)), new("metric", "euclidean"), new("scaling", "standard")];

    protected override IEnumerable<string> Validate()
    {
        if (Neighbours is < 1 or > 10_000) yield return $"Neighbours must be between 1 and 10,000; it is {Neighbours}.";
    }

    protected override (Predictor Predictor, Link Link, double[] TrainingRaw) FitPredictor(FeatureMatrix features, TrainingContext context)
    {
        var n = features.Rows;
        var k = Math.Max(1, Math.Min(Neighbours, n - 1));
        var width = features.Columns;
        var points = features.Values;
        var indices = new int[n * k];
        var distances = new double[n * k];
        var search = new NeighbourIndex(points, width);
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, context.Threads), CancellationToken = context.CancellationToken }, i =>
            search.Search(points.AsSpan(i * width, width), i, indices.AsSpan(i * k, k), distances.AsSpan(i * k, k)));
        var kDistance = new double[n];
        for (var i = 0; i < n; i++) kDistance[i] = distances[i * k + k - 1];
        var density = new double[n];
        for (var i = 0; i < n; i++)
        {
            double reach = 0;
            for (var j = 0; j < k; j++) reach += Math.Max(distances[i * k + j], kDistance[indices[i * k + j]]);
            density[i] = 1 / (reach / k + 1e-10);
        }
        var model = new NeighbourModel
        {
            FeatureCount = width, OutputCount = 1, Scoring = Scoring, Neighbours = k,
            Points = points, KDistance = kDistance, Density = density,
        };
        var raw = new double[n];
        for (var i = 0; i < n; i++)
            raw[i] = Scoring == NeighbourScoring.KthNeighbourDistance
                ? kDistance[i]
                : model.LocalOutlierFactor(indices.AsSpan(i * k, k), distances.AsSpan(i * k, k));
        return (model, Link.Identity, raw);
    }
}

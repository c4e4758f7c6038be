using System.Text.Json.Serialization;
using Keel.Learn.Anomaly;

namespace Keel.Learn.Models;

/// <summary>How a <see cref="NeighbourModel"/> turns a row's nearest training rows into an anomaly score.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NeighbourScoring>))]
public enum NeighbourScoring
{
    /// <summary>
    /// Local Outlier Factor (Breunig et al. 2000): the mean local reachability density of the row's k neighbours over
    /// its own; about 1 inside a cluster, well above 1 for an outlier. scikit-learn's <c>-score_samples</c> with
    /// <c>novelty=True</c>.
    /// </summary>
    LocalOutlierFactor,

    /// <summary>The Euclidean distance to the k-th nearest training row (Ramaswamy et al. 2000; PyOD's KNN "largest").</summary>
    KthNeighbourDistance,
}

/// <summary>
/// A nearest-neighbour anomaly detector: the training rows (features, row-major), each row's distance to its k-th
/// nearest other training row and its local reachability density. One raw score per row, higher = more anomalous.
/// Neighbours are found exactly (a k-d tree over up to 12 features, a scan above), built once per loaded model.
/// </summary>
public sealed record NeighbourModel : Predictor
{
    public required NeighbourScoring Scoring { get; init; }

    /// <summary>The number of neighbours k.</summary>
    public required int Neighbours { get; init; }

    /// <summary>The training rows' features, row-major (<c>rows × FeatureCount</c>).</summary>
    public required float[] Points { get; init; }

    /// <summary>Each training row's distance to its k-th nearest other training row.</summary>
    public required double[] KDistance { get; init; }

    /// <summary>Each training row's local reachability density, 1 / (mean reachability distance + 1e-10).</summary>
    public required double[] Density { get; init; }

    /// <summary>Search structures by the points they index, so a record copy keeps its index and equality ignores it.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<float[], NeighbourIndex> Indexes = new();

    [JsonIgnore]
    public int PointCount => KDistance.Length;

    /// <summary>The search structure over <see cref="Points"/>, built on first use.</summary>
    internal NeighbourIndex Index => Indexes.GetValue(Points, points => new NeighbourIndex(points, FeatureCount));

    public override void ScoreRow(ReadOnlySpan<float> x, Span<double> raw)
    {
        var k = Neighbours;
        var indices = new int[k];
        var distances = new double[k];
        Index.Search(x, -1, indices, distances);
        raw[0] = Scoring == NeighbourScoring.KthNeighbourDistance ? distances[k - 1] : LocalOutlierFactor(indices, distances);
    }

    protected override void ScoreRows(ReadOnlySpan<float> features, int rows, Span<double> raw, int threads)
    {
        var copy = features.ToArray();
        var scores = new double[rows];
        var index = Index;
        Parallel.For(0, rows, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => (new int[Neighbours], new double[Neighbours]), (i, _, buffers) =>
        {
            index.Search(copy.AsSpan(i * FeatureCount, FeatureCount), -1, buffers.Item1, buffers.Item2);
            scores[i] = Scoring == NeighbourScoring.KthNeighbourDistance ? buffers.Item2[Neighbours - 1] : LocalOutlierFactor(buffers.Item1, buffers.Item2);
            return buffers;
        }, _ => { });
        scores.CopyTo(raw);
    }

    /// <summary>LOF of a row from its neighbours (indexes into the training rows) and the distances to them.</summary>
    internal double LocalOutlierFactor(ReadOnlySpan<int> neighbours, ReadOnlySpan<double> distances)
    {
        double reach = 0, density = 0;
        for (var j = 0; j < neighbours.Length; j++)
        {
            reach += Math.Max(distances[j], KDistance[neighbours[j]]);
            density += Density[neighbours[j]];
        }
        var own = 1 / (reach / neighbours.Length + 1e-10);
        return density / neighbours.Length / own;
    }
}

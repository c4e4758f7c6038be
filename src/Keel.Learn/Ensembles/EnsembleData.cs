using Keel.Learn.Evaluation;
using Keel.Learn.Featurization;

namespace Keel.Learn.Ensembles;

/// <summary>
/// What every member of an ensemble learns from: the training rows' features (one shared featurization), their
/// labels (class indexes, or values), the folds every member is bagged on (the same for all, so out-of-fold outputs
/// line up), which columns a standardizing trainer standardizes, and the metric that ranks and selects members.
/// </summary>
public sealed record EnsembleData
{
    public EnsembleData(FeatureMatrix features, float[] labels, Target target, int[][] folds, IReadOnlyList<bool> scaled, string metric)
    {
        if (labels.Length != features.Rows) throw new ArgumentException($"{labels.Length} labels for {features.Rows} rows.", nameof(labels));
        if (scaled.Count != features.Columns) throw new ArgumentException($"{scaled.Count} flags for {features.Columns} features.", nameof(scaled));
        if (folds.Length < 2) throw new KeelLearnException("Bagging needs at least 2 folds.");
        if (!MetricNames.For(target.Task).Contains(metric))
            throw new KeelLearnException($"The metric '{metric}' does not apply to {target.Task.ToString().ToLowerInvariant()} tasks; use one of {string.Join(", ", MetricNames.For(target.Task))}.");
        Features = features;
        Labels = labels;
        Target = target;
        Folds = folds;
        Scaled = scaled;
        Metric = metric;
    }

    public FeatureMatrix Features { get; }

    public float[] Labels { get; }

    public Target Target { get; }

    public int[][] Folds { get; }

    public IReadOnlyList<bool> Scaled { get; }

    public string Metric { get; }

    /// <summary>Outputs per row of every member: the classes of a multiclass task, else 1.</summary>
    public int Width => Target.Task == TaskKind.Multiclass ? Target.Classes.Count : 1;

    /// <summary>Whether members output probabilities (classification) rather than values.</summary>
    public bool Probabilistic => Target.Task != TaskKind.Regression;

    /// <summary>Whether a higher <see cref="Metric"/> is better.</summary>
    public bool HigherIsBetter => MetricNames.HigherIsBetter(Metric);

    /// <summary>The metric of outputs (<c>rows × Width</c>) against the labels of <paramref name="rows"/> (every row when null).</summary>
    public double Score(ReadOnlySpan<double> outputs, IReadOnlyList<int>? rows = null) =>
        OutputScoring.Score(Target, Metric, outputs, rows is null ? Labels : rows.Select(r => Labels[r]).ToArray());

    /// <summary>The metric of outputs (<c>rows × Width</c>) against other rows' labels (e.g. held-out rows, encoded by <see cref="Target"/>).</summary>
    public double Score(ReadOnlySpan<double> outputs, float[] labels) => OutputScoring.Score(Target, Metric, outputs, labels);

    /// <summary>Whether score <paramref name="a"/> is better than <paramref name="b"/>.</summary>
    public bool Better(double a, double b) => HigherIsBetter ? a > b : a < b;
}

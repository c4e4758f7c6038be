using System.Globalization;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Trainers;

namespace Keel.Learn.Anomaly;

/// <summary>
/// Isolation Forest (Liu, Ting and Zhou 2008) with scikit-learn's <c>IsolationForest</c> semantics: each tree is
/// grown on ψ = min(<see cref="MaxSamples"/>, n) rows drawn without replacement, splitting on a random feature at a
/// uniform random threshold between the node's minimum and maximum, to depth ⌈log₂ ψ⌉; a row's path length in a tree
/// is the depth of its leaf plus c(rows in that leaf). The model is a Keel <see cref="TreeEnsemble"/> whose leaves
/// hold (depth + c(n_leaf)) / trees, so its raw score is the expected path length E[h(x)], and whose covers are the
/// rows each node saw, so path-dependent TreeSHAP explains E[h(x)] exactly (as SHAP explains scikit-learn's
/// Isolation Forest). The anomaly score is 2^(−E[h(x)] / c(ψ)), in (0, 1]: near 1 for anomalies, below 0.5 for
/// ordinary rows; scikit-learn's <c>score_samples</c> is its negative. "auto" flags scores above 0.5 (scikit-learn's
/// <c>offset_ = -0.5</c>). Missing numbers are imputed with the training median and flagged by an indicator feature
/// (Keel's featurization), so the trees never see a missing value.
/// </summary>
/// <example>
/// <code>
/// var fit = new IsolationForestTrainer { Contamination = 0.01 }.FitScored(table, Target.Anomaly(table));
/// var predictions = fit.Model.Predict(newRows); // Values: scores, Anomalies: flags
/// </code>
/// </example>
public sealed class IsolationForestTrainer : AnomalyTrainer
{
    /// <summary>The number of trees. The default value is 100; the range is 1 to 10,000.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Rows each tree is grown on, at most the rows there are. The default value is 256 (scikit-learn's "auto").</summary>
    public int MaxSamples { get; init; } = 256;

    /// <summary>The share of features each tree may split on, drawn without replacement. The default value is 1.0; the range is (0, 1].</summary>
    public double MaxFeatures { get; init; } = 1.0;

    public override string Name => "IsolationForest";

    protected override IEnumerable<KeyValuePair<string, string>> MethodParameters =>
    [
        new("n_estimators", Trees.ToString(CultureInfo.InvariantCulture)),
        new("max_samples", MaxSamples.ToString(CultureInfo.InvariantCulture)),
        new("max_features", MaxFeatures.ToString(CultureInfo.InvariantCulture)),
    ];

    protected override IEnumerable<string> Validate()
    {
        if (Trees is < 1 or > 10_000) yield return $"Trees must be between 1 and 10,000; it is {Trees}.";
        if (MaxSamples < 2) yield return $"MaxSamples must be at least 2; it is {MaxSamples}.";
        if (MaxFeatures is <= 0 or > 1) yield return $"MaxFeatures must be in (0, 1]; it is {MaxFeatures}.";
    }

    protected override double AutoThreshold(double[] trainingScores) => 0.5;

    protected override (Predictor Predictor, Link Link, double[] TrainingRaw) FitPredictor(FeatureMatrix features, TrainingContext context)
    {
        var samples = Math.Min(MaxSamples, features.Rows);
        var maxDepth = (int)Math.Ceiling(Math.Log2(Math.Max(samples, 2)));
        var featureCount = Math.Max(1, (int)(MaxFeatures * features.Columns));
        // One seed per tree, drawn in order, so the forest does not depend on how trees are scheduled on threads.
        var random = new Random(context.Seed);
        var seeds = Enumerable.Range(0, Trees).Select(_ => random.Next()).ToArray();
        var trees = new DecisionTree[Trees];
        var done = 0;
        var progressLock = new object();
        Parallel.For(0, Trees, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, context.Threads), CancellationToken = context.CancellationToken }, t =>
        {
            trees[t] = new IsolationTreeBuilder(features, new Random(seeds[t]), maxDepth, Trees).Grow(samples, featureCount);
            lock (progressLock) context.Progress?.Report((double)++done / Trees); // in order, whatever thread finishes
        });
        var ensemble = new TreeEnsemble
        {
            FeatureCount = features.Columns, OutputCount = 1, BaseScore = [0], Trees = trees, TreeOutput = new int[Trees],
        };
        var raw = new double[features.Rows];
        ensemble.Score(features, raw, context.Threads);
        return (ensemble, Link.PathLength(AveragePathLength.Of(samples)), raw);
    }
}

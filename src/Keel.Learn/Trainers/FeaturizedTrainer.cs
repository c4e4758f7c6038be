using Keel.Data;
using Keel.Learn.Featurization;
using Keel.Learn.Models;

namespace Keel.Learn.Trainers;

/// <summary>
/// The part every built-in trainer shares: drop rows without a label, fit the featurization, learn a predictor on the
/// features, and, for tree ensembles whose trainer did not record them, count how many training rows reach each node
/// (the covers TreeSHAP needs).
/// </summary>
public abstract class FeaturizedTrainer : ITrainer
{
    public abstract string Name { get; }

    public abstract IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Whether numbers are standardized before this trainer sees them (linear models).</summary>
    protected virtual bool Standardize => false;

    public virtual FeaturizationOptions Featurization { get; init; } = new();

    public abstract bool Supports(TaskKind task);

    public Model Fit(Table train, Target target, TrainingContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(target);
        context ??= new TrainingContext();
        CheckCanLearn(target);

        var labels = target.Encode(train);
        var keep = Enumerable.Range(0, labels.Length).Where(i => !(double.IsNaN(labels[i]) || labels[i] < 0 && target.Task != TaskKind.Regression)).ToArray();
        if (keep.Length < labels.Length)
        {
            train = train.Take(keep);
            labels = keep.Select(i => labels[i]).ToArray();
        }
        if (keep.Length < 2) throw new KeelLearnException($"There are {keep.Length} rows with a label; a model needs more.");
        float[]? weights = context.Weights is { } w ? keep.Select(i => (float)w[i]).ToArray() : null;

        var plan = FeaturePlan.Fit(train.WithRole(target.Column, ColumnRole.Label), Featurization with { Standardize = Standardize });
        var features = plan.Transform(train);
        context.CancellationToken.ThrowIfCancellationRequested();
        var (predictor, link) = FitPredictor(features, labels.Select(v => (float)v).ToArray(), weights, target, context);
        // TreeSHAP needs covers; LightGBM records its own (as SHAP reads them), ML.NET's trees get them by routing the rows.
        if (predictor is TreeEnsemble trees && trees.Trees.Any(t => t.LeafCover.Length != t.LeafCount)) predictor = trees.WithCovers(features);
        return new Model { Target = target, Features = plan, Predictor = predictor, Link = link, Trainer = Name };
    }

    /// <summary>
    /// Learns a predictor from features made elsewhere — an ensemble's shared featurization, fitted once without
    /// standardization, or a stacking layer's inputs — for rows that all have a label (class indexes for classifiers).
    /// A trainer that standardizes (linear) standardizes the columns marked in <paramref name="scaled"/> (every
    /// column when null) on these rows as <see cref="FeaturePlan.Fit"/> would, and folds that scaling into its
    /// weights, so the predictor reads the given features directly.
    /// </summary>
    public (Predictor Predictor, Link Link) FitFeatures(FeatureMatrix features, float[] labels, Target target, TrainingContext? context = null, IReadOnlyList<bool>? scaled = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(target);
        context ??= new TrainingContext();
        CheckCanLearn(target);
        if (labels.Length != features.Rows) throw new ArgumentException($"{labels.Length} labels for {features.Rows} rows.", nameof(labels));
        if (scaled is not null && scaled.Count != features.Columns) throw new ArgumentException($"{scaled.Count} flags for {features.Columns} columns.", nameof(scaled));
        float[]? weights = context.Weights is { } w ? w.Select(v => (float)v).ToArray() : null;
        if (!Standardize)
        {
            var (predictor, link) = FitPredictor(features, labels, weights, target, context);
            if (predictor is TreeEnsemble trees && trees.Trees.Any(t => t.LeafCover.Length != t.LeafCount)) predictor = trees.WithCovers(features);
            return (predictor, link);
        }
        var (offset, scale) = Standardization(features, scaled);
        var standardized = new float[features.Values.Length];
        for (var r = 0; r < features.Rows; r++)
            for (var j = 0; j < features.Columns; j++)
            {
                var i = r * features.Columns + j;
                standardized[i] = (float)((features.Values[i] - offset[j]) * scale[j]);
            }
        var (fitted, fittedLink) = FitPredictor(new FeatureMatrix(standardized, features.Rows, features.Names), labels, weights, target, context);
        if (fitted is not LinearModel linear)
            throw new KeelLearnException($"The {Name} trainer standardizes its features but did not learn a linear model; it cannot learn from shared features.");
        var folded = linear.Weights.Select(row => row.Select((v, j) => v * scale[j]).ToArray()).ToArray();
        var bias = linear.Bias.Select((b, k) => b - linear.Weights[k].Select((v, j) => v * scale[j] * offset[j]).Sum()).ToArray();
        return (linear with { Weights = folded, Bias = bias }, fittedLink);
    }

    /// <summary>Refuses a task this trainer does not support, or invalid options, with every problem named.</summary>
    private void CheckCanLearn(Target target)
    {
        if (!Supports(target.Task))
            throw new KeelLearnException($"The {Name} trainer does not support {target.Task.ToString().ToLowerInvariant()} tasks.");
        var problems = Validate().ToList();
        if (problems.Count > 0) throw new KeelLearnException($"{Name} options: {string.Join(" ", problems)}");
    }

    /// <summary>Mean and 1/standard deviation (population, as the featurization computes them) of the marked columns; 0 and 1 elsewhere.</summary>
    private static (double[] Offset, double[] Scale) Standardization(FeatureMatrix features, IReadOnlyList<bool>? scaled)
    {
        var offset = new double[features.Columns];
        var scale = new double[features.Columns];
        for (var j = 0; j < features.Columns; j++)
        {
            scale[j] = 1;
            if (scaled is not null && !scaled[j]) continue;
            double mean = 0, m2 = 0;
            for (var r = 0; r < features.Rows; r++)
            {
                double x = features.Values[r * features.Columns + j];
                var d = x - mean;
                mean += d / (r + 1);
                m2 += d * (x - mean);
            }
            var std = Math.Sqrt(m2 / Math.Max(1, features.Rows));
            offset[j] = mean;
            scale[j] = std > 1e-12 ? 1 / std : 1;
        }
        return (offset, scale);
    }

    /// <summary>Problems with the options, one sentence each; empty when they are valid.</summary>
    protected abstract IEnumerable<string> Validate();

    /// <summary>Learns from features and labels (class indexes for classifiers).</summary>
    protected abstract (Predictor Predictor, Link Link) FitPredictor(FeatureMatrix features, float[] labels, float[]? weights, Target target, TrainingContext context);
}

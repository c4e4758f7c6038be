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
        if (!Supports(target.Task))
            throw new KeelLearnException($"The {Name} trainer does not support {target.Task.ToString().ToLowerInvariant()} tasks.");
        var problems = Validate().ToList();
        if (problems.Count > 0) throw new KeelLearnException($"{Name} options: {string.Join(" ", problems)}");

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

    /// <summary>Problems with the options, one sentence each; empty when they are valid.</summary>
    protected abstract IEnumerable<string> Validate();

    /// <summary>Learns from features and labels (class indexes for classifiers).</summary>
    protected abstract (Predictor Predictor, Link Link) FitPredictor(FeatureMatrix features, float[] labels, float[]? weights, Target target, TrainingContext context);
}

using Keel.Data;
using Keel.Learn.Featurization;
using Keel.Learn.Models.Decisions;

namespace Keel.Learn.Models;

/// <summary>
/// A trained model: the label it predicts, the featurization it learned, the predictor, and the link to outputs.
/// Immutable and thread-safe: one instance serves any number of concurrent callers.
/// </summary>
/// <example>
/// <code>
/// var model = new LightGbmTrainer().Fit(train, new TrainingSetup("Churn"));
/// var p = model.Predict(test).PositiveProbabilities();
/// </code>
/// </example>
public sealed record Model
{
    public required Target Target { get; init; }

    public required FeaturePlan Features { get; init; }

    public required Predictor Predictor { get; init; }

    public required Link Link { get; init; }

    /// <summary>The trainer that made this model, e.g. "LightGbm".</summary>
    public required string Trainer { get; init; }

    /// <summary>
    /// P(positive) at or above which a binary classifier predicts the positive class; for an anomaly detector, the
    /// score above which a row is flagged as an anomaly. The default value is 0.5.
    /// </summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>
    /// Per-group post-processing of a binary model's P(positive) (the threshold optimizer); null for none. It reads
    /// <see cref="GroupThresholds.SensitiveColumn"/>, which is then part of the model's input.
    /// </summary>
    public GroupThresholds? PostProcessor { get; init; }

    /// <summary>
    /// Set for a randomized binary classifier: each row's label is drawn from its P(positive) by a uniform number
    /// derived from the row (<see cref="RandomizedDecision"/>), instead of comparing P(positive) with
    /// <see cref="Threshold"/>. Null for a deterministic model.
    /// </summary>
    public RandomizedDecision? Randomization { get; init; }

    /// <summary>
    /// Whether the model has exact SHAP values (TreeSHAP for a tree ensemble, the linear function's own for a linear
    /// model); any other predictor is explained approximately, against background rows.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasExactShapValues => Predictor is TreeEnsemble or LinearModel;

    /// <summary>The input columns a table needs: the featurization's, then the sensitive column a post-processor reads.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> InputColumns => PostProcessor is { } post ? Features.InputColumns.Append(post.SensitiveColumn) : Features.InputColumns;

    /// <summary>Predictions for the rows of a table, post-processed per group where the model has a post-processor.</summary>
    public Predictions Predict(Table table)
    {
        var groups = PostProcessor?.GroupsOf(table);
        return Predict(Features.Transform(table), groups);
    }

    /// <summary>
    /// Predictions from features. A model with a <see cref="PostProcessor"/> needs each row's group; without
    /// <paramref name="groups"/> it answers with the base model's predictions (what explanations of such a model
    /// explain), not the post-processed ones: use <see cref="Predict(Table)"/> for those.
    /// </summary>
    public Predictions Predict(FeatureMatrix features, IReadOnlyList<string>? groups = null)
    {
        var raw = new double[features.Rows * Predictor.OutputCount];
        Predictor.Score(features, raw);
        return FromRaw(raw, features.Rows, features.Values, groups);
    }

    /// <summary>Predictions from raw scores (<c>rows × Predictor.OutputCount</c>, row-major) through the link.</summary>
    public Predictions FromRaw(double[] raw, int rows) => FromRaw(raw, rows, default, null);

    /// <summary>
    /// Predictions from raw scores and the rows' features (<c>rows × Predictor.FeatureCount</c>, row-major), which a
    /// randomized model needs for its per-row draws, and the rows' sensitive groups, which a post-processor needs (see
    /// <see cref="Predict(FeatureMatrix, IReadOnlyList{string})"/> for what happens without them).
    /// </summary>
    public Predictions FromRaw(double[] raw, int rows, ReadOnlySpan<float> features, IReadOnlyList<string>? groups)
    {
        if (raw.Length != (long)rows * Predictor.OutputCount)
            throw new ArgumentException($"{raw.Length} raw scores are not {rows} rows of {Predictor.OutputCount}.", nameof(raw));
        if (groups is not null && groups.Count != rows)
            throw new ArgumentException($"{groups.Count} groups are not {rows} rows.", nameof(groups));
        var post = groups is null ? null : PostProcessor;
        var random = post is null && PostProcessor is not null ? null : Randomization;
        if (random is not null && features.Length != (long)rows * Predictor.FeatureCount)
            throw new KeelLearnException("This model draws its decisions per row and needs the rows' features to do so.");
        switch (Target.Task)
        {
            case TaskKind.Regression:
                return new Predictions(TaskKind.Regression, rows, [], raw, null, (double[])raw.Clone(), null);
            case TaskKind.Anomaly:
            {
                var scores = new double[rows];
                var flags = new bool[rows];
                for (var i = 0; i < rows; i++)
                {
                    scores[i] = Link.AnomalyScore(raw[i]);
                    flags[i] = scores[i] > Threshold;
                }
                return new Predictions(TaskKind.Anomaly, rows, Target.Classes, raw, null, scores, null, flags);
            }
            case TaskKind.Binary:
            {
                var probabilities = new double[rows * 2];
                var labels = new string[rows];
                for (var i = 0; i < rows; i++)
                {
                    var p = Link.Probability(raw[i]);
                    if (post is not null) p = post.PositiveProbability(groups![i], p);
                    probabilities[2 * i] = 1 - p;
                    probabilities[2 * i + 1] = p;
                    var positive = random is null
                        ? p >= Threshold
                        : random.Uniform(features.Slice(i * Predictor.FeatureCount, Predictor.FeatureCount), post is null ? null : groups![i]) < p;
                    labels[i] = Target.Classes[positive ? 1 : 0];
                }
                return new Predictions(TaskKind.Binary, rows, Target.Classes, raw, probabilities, null, labels);
            }
            default:
            {
                var k = Target.Classes.Count;
                var probabilities = (double[])raw.Clone();
                var labels = new string[rows];
                for (var i = 0; i < rows; i++)
                {
                    var row = probabilities.AsSpan(i * k, k);
                    Link.SoftmaxInPlace(row);
                    var best = 0;
                    for (var c = 1; c < k; c++) if (row[c] > row[best]) best = c;
                    labels[i] = Target.Classes[best];
                }
                return new Predictions(TaskKind.Multiclass, rows, Target.Classes, raw, probabilities, null, labels);
            }
        }
    }
}

using Keel.Data;
using Keel.Learn.Featurization;

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

    public Predictions Predict(Table table) => Predict(Features.Transform(table));

    public Predictions Predict(FeatureMatrix features)
    {
        var raw = new double[features.Rows * Predictor.OutputCount];
        Predictor.Score(features, raw);
        return FromRaw(raw, features.Rows);
    }

    /// <summary>Predictions from raw scores (<c>rows × Predictor.OutputCount</c>, row-major) through the link.</summary>
    public Predictions FromRaw(double[] raw, int rows)
    {
        if (raw.Length != (long)rows * Predictor.OutputCount)
            throw new ArgumentException($"{raw.Length} raw scores are not {rows} rows of {Predictor.OutputCount}.", nameof(raw));
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
                    probabilities[2 * i] = 1 - p;
                    probabilities[2 * i + 1] = p;
                    labels[i] = Target.Classes[p >= Threshold ? 1 : 0];
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

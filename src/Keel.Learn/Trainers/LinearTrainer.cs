using System.Globalization;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Trainers.MlNet;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Keel.Learn.Trainers;

/// <summary>
/// Linear models on standardized features: L-BFGS logistic regression (binary), L-BFGS maximum entropy (multiclass)
/// and SDCA least squares (regression), from ML.NET.
/// </summary>
public sealed class LinearTrainer : FeaturizedTrainer
{
    /// <summary>L2 regularisation. The default value is 1; the range is [0, ∞).</summary>
    public double L2 { get; init; } = 1;

    /// <summary>L1 regularisation. The default value is 0; the range is [0, ∞).</summary>
    public double L1 { get; init; }

    public override string Name => "Linear";

    protected override bool Standardize => true;

    public override IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["l2"] = L2.ToString(CultureInfo.InvariantCulture),
        ["l1"] = L1.ToString(CultureInfo.InvariantCulture),
    };

    public override bool Supports(TaskKind task) => true;

    protected override IEnumerable<string> Validate()
    {
        if (L2 < 0) yield return $"L2 must be at least 0; it is {L2}.";
        if (L1 < 0) yield return $"L1 must be at least 0; it is {L1}.";
    }

    protected override (Predictor Predictor, Link Link) FitPredictor(FeatureMatrix features, float[] labels, float[]? weights, Target target, TrainingContext context)
    {
        var ml = new MLContext(context.Seed);
        var data = MlNetData.Load(ml, features, labels, weights, target);
        var weightColumn = weights is null ? null : "Weight";
        var width = features.Columns;
        switch (target.Task)
        {
            case TaskKind.Binary:
            {
                var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    L2Regularization = (float)L2, L1Regularization = (float)L1, ExampleWeightColumnName = weightColumn,
                    NumberOfThreads = 1,
                }).Fit(data).Model;
                var linear = model.SubModel;
                return (new LinearModel { FeatureCount = width, OutputCount = 1, Weights = [linear.Weights.Select(w => (double)w).ToArray()], Bias = [linear.Bias] },
                        Link.Sigmoid(-model.Calibrator.Slope, -model.Calibrator.Offset));
            }
            case TaskKind.Multiclass:
            {
                var model = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
                {
                    L2Regularization = (float)L2, L1Regularization = (float)L1, ExampleWeightColumnName = weightColumn,
                    NumberOfThreads = 1,
                }).Fit(data).Model;
                VBuffer<float>[] w = [];
                model.GetWeights(ref w, out var classes);
                var weightsPerClass = w.Select(v => v.DenseValues().Select(x => (double)x).ToArray()).ToArray();
                return (new LinearModel { FeatureCount = width, OutputCount = classes, Weights = weightsPerClass, Bias = model.GetBiases().Select(b => (double)b).ToArray() },
                        Link.Softmax);
            }
            default:
            {
                var model = ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
                {
                    L2Regularization = (float)Math.Max(L2 * 1e-3, 1e-6), L1Regularization = (float)L1,
                    ExampleWeightColumnName = weightColumn, NumberOfThreads = 1, MaximumNumberOfIterations = 100,
                }).Fit(data).Model;
                return (new LinearModel { FeatureCount = width, OutputCount = 1, Weights = [model.Weights.Select(x => (double)x).ToArray()], Bias = [model.Bias] },
                        Link.Identity);
            }
        }
    }
}

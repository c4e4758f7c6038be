using Keel.Data;
using Keel.Learn.Featurization;
using Keel.Learn.Native;
using Keel.Learn.Trainers;
using Keel.Learn.Trainers.MlNet;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Keel.Learn.Tests.Trainers;

/// <summary>Keel scores its own tree and linear forms: they must agree with the library that trained them.</summary>
public class ReferenceImplementationTests
{
    private static (FeatureMatrix X, float[] Y) Features(Table data, Target target)
    {
        var plan = FeaturePlan.Fit(data.WithRole(target.Column, ColumnRole.Label));
        return (plan.Transform(data), target.Encode(data).Select(v => (float)v).ToArray());
    }

    /// <summary>The model's own features of the data, handed to ML.NET exactly as Keel's trainers hand them.</summary>
    private static (FeatureMatrix X, MLContext Ml, IDataView View) MlNetView(Keel.Learn.Models.Model model, Table data, Target target, int seed)
    {
        var x = model.Features.Transform(data);
        var y = target.Encode(data).Select(v => (float)v).ToArray();
        var ml = new MLContext(seed);
        return (x, ml, MlNetData.Load(ml, x, y, null, target));
    }

    [Theory]
    [InlineData(TaskKind.Binary)]
    [InlineData(TaskKind.Multiclass)]
    [InlineData(TaskKind.Regression)]
    public void LightGbm_KeelScoresEqualLightGbmRawScores(TaskKind task)
    {
        var (data, target) = TrainerCases.Data(task, 2000);
        var (x, y) = Features(data, target);
        var trainer = new LightGbmTrainer { Iterations = 50 };
        var text = trainer.TrainModelText(x, y, null, target, new TrainingContext());
        var (ensemble, _) = LightGbmModelText.Parse(text);
        using var booster = LightGbmBooster.FromModelText(text);

        var expected = booster.Predict(x.Values, x.Rows, x.Columns, LightGbmNative.PredictRawScore, ensemble.OutputCount);
        var actual = new double[expected.Length];
        ensemble.Score(x, actual);

        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-9);
    }

    [Fact]
    public void LightGbm_KeelProbabilitiesEqualLightGbmProbabilities()
    {
        var (data, target) = TrainerCases.Data(TaskKind.Binary, 2000);
        var (x, y) = Features(data, target);
        var text = new LightGbmTrainer { Iterations = 50 }.TrainModelText(x, y, null, target, new TrainingContext());
        var (ensemble, link) = LightGbmModelText.Parse(text);
        using var booster = LightGbmBooster.FromModelText(text);

        var expected = booster.Predict(x.Values, x.Rows, x.Columns, LightGbmNative.PredictNormal, 1);
        var raw = new double[x.Rows];
        ensemble.Score(x, raw);

        for (var i = 0; i < raw.Length; i++) Assert.Equal(expected[i], link.Probability(raw[i]), 1e-12);
    }

    [Fact]
    public void FastTree_KeelScoresAndProbabilitiesEqualMlNet()
    {
        var (data, target) = TrainerCases.Data(TaskKind.Binary, 2000);
        var model = new FastTreeTrainer { Trees = 30 }.Fit(data, target, new TrainingContext { Seed = 3 });
        var (x, ml, view) = MlNetView(model, data, target, seed: 3);
        var reference = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options { NumberOfTrees = 30, NumberOfLeaves = 20, LearningRate = 0.1, MinimumExampleCountPerLeaf = 10, Seed = 3 }).Fit(view);
        var scored = reference.Transform(view);
        var scores = scored.GetColumn<float>("Score").ToArray();
        var probabilities = scored.GetColumn<float>("Probability").ToArray();

        var keel = model.Predict(x);

        for (var i = 0; i < x.Rows; i++)
        {
            Assert.Equal(scores[i], keel.Raw[i], 1e-4);
            Assert.Equal(probabilities[i], keel.Probability(i, 1), 1e-5);
        }
    }

    [Fact]
    public void FastForest_KeelScoresEqualMlNetRegression()
    {
        var (data, target) = TrainerCases.Data(TaskKind.Regression, 1500);
        var model = new FastForestTrainer { Trees = 20 }.Fit(data, target, new TrainingContext { Seed = 5 });
        var (x, ml, view) = MlNetView(model, data, target, seed: 5);
        var reference = ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options { NumberOfTrees = 20, NumberOfLeaves = 40, MinimumExampleCountPerLeaf = 10, Seed = 5 }).Fit(view);
        var scores = reference.Transform(view).GetColumn<float>("Score").ToArray();

        var keel = model.Predict(x);

        for (var i = 0; i < x.Rows; i++) Assert.Equal(scores[i], keel.Values![i], 1e-3);
    }

    [Fact]
    public void Linear_KeelProbabilitiesEqualMlNetLogisticRegression()
    {
        var (data, target) = TrainerCases.Data(TaskKind.Binary, 1500);
        var model = new LinearTrainer().Fit(data, target);
        var (x, ml, view) = MlNetView(model, data, target, seed: 42);
        var reference = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new Microsoft.ML.Trainers.LbfgsLogisticRegressionBinaryTrainer.Options { L2Regularization = 1, L1Regularization = 0, NumberOfThreads = 1 }).Fit(view);
        var probabilities = reference.Transform(view).GetColumn<float>("Probability").ToArray();

        var keel = model.Predict(x);

        for (var i = 0; i < x.Rows; i++) Assert.Equal(probabilities[i], keel.Probability(i, 1), 1e-5);
    }

    [Fact]
    public void Linear_KeelProbabilitiesEqualMlNetMaximumEntropy()
    {
        var (data, target) = TrainerCases.Data(TaskKind.Multiclass, 1500);
        var model = new LinearTrainer().Fit(data, target);
        var (x, ml, view) = MlNetView(model, data, target, seed: 42);
        var reference = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new Microsoft.ML.Trainers.LbfgsMaximumEntropyMulticlassTrainer.Options { L2Regularization = 1, L1Regularization = 0, NumberOfThreads = 1 }).Fit(view);
        var scores = reference.Transform(view).GetColumn<float[]>("Score").ToArray();

        var keel = model.Predict(x);

        for (var i = 0; i < x.Rows; i++)
            for (var c = 0; c < 3; c++) Assert.Equal(scores[i][c], keel.Probability(i, c), 1e-5);
    }

    [Fact]
    public void FloorToFloat_SplitsEveryFloatLikeTheDoubleThreshold()
    {
        double[] thresholds = [0.1, 1.0000000180025095e-35, 29.85, -3.3333333333333335, 1e10 + 0.5];
        foreach (var t in thresholds)
        {
            var f = LightGbmModelText.FloorToFloat(t);
            foreach (var x in new[] { f, MathF.BitIncrement(f), MathF.BitDecrement(f), (float)t })
                Assert.Equal(x <= t, x <= f);
        }
    }
}

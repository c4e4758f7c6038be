using Keel.Learn.Anomaly;
using Keel.Learn.Bundles;
using Keel.Learn.Metrics;
using Keel.Learn.Models;
using Keel.Learn.Trainers;

namespace Keel.Learn.Tests.Anomaly;

public class IsolationForestTests
{
    private static readonly Target Unlabelled = new("", TaskKind.Anomaly, []);

    private static AnomalyFit Fit(int seed, IsolationForestTrainer? trainer = null) =>
        (trainer ?? new IsolationForestTrainer()).FitScored(AnomalyFixture.Features(AnomalyFixture.Train), Unlabelled, new TrainingContext { Seed = seed });

    [Fact]
    public void RocAuc_FiveSeedMean_IsWithin001OfScikitLearnsFiveSeedMean()
    {
        var y = AnomalyFixture.Labels(AnomalyFixture.Train);
        var keel = Enumerable.Range(0, 5).Select(seed => BinaryMetrics.RocAuc(y, Fit(seed).TrainingScores)).Average();
        var sklearn = AnomalyFixture.Numbers("iforest", "roc_auc").Average();

        Assert.InRange(keel, sklearn - 0.01, 1.0);
    }

    [Fact]
    public void AveragePrecision_FiveSeedMean_IsWithin003OfScikitLearnsFiveSeedMean()
    {
        var y = AnomalyFixture.Labels(AnomalyFixture.Train);
        var keel = Enumerable.Range(0, 5).Select(seed => BinaryMetrics.AveragePrecision(y, Fit(seed).TrainingScores)).Average();
        var sklearn = AnomalyFixture.Numbers("iforest", "average_precision").Average();

        Assert.InRange(keel, sklearn - 0.03, 1.0);
    }

    [Fact]
    public void Scores_AreBetweenZeroAndOne_AndTrainingScoresEqualPredictions()
    {
        var fit = Fit(1);
        var predicted = fit.Model.Predict(AnomalyFixture.Train).Values!;

        Assert.All(predicted, s => Assert.InRange(s, 1e-9, 1.0));
        Assert.Equal(fit.TrainingScores, predicted);
    }

    [Fact]
    public void Forest_HasScikitLearnsShape_100TreesOf256RowsAtMostDepth8()
    {
        var forest = (TreeEnsemble)Fit(3).Model.Predictor;

        Assert.Equal(100, forest.Trees.Length);
        Assert.All(forest.Trees, t =>
        {
            Assert.Equal(256, t.LeafCover.Sum());
            Assert.Equal(256, t.NodeCover[0]);
            Assert.All(t.LeafValue, v => Assert.InRange(v * 100, 0, 8 + AveragePathLength.Of(256)));
        });
    }

    [Fact]
    public void RawScore_IsTheMeanPathLength_DepthPlusCOfTheLeafRows()
    {
        var model = Fit(4).Model;
        var forest = (TreeEnsemble)model.Predictor;
        var x = model.Features.Transform(AnomalyFixture.Query);
        var raw = new double[x.Rows];
        forest.Score(x, raw);

        for (var r = 0; r < x.Rows; r++)
        {
            double total = 0;
            foreach (var tree in forest.Trees)
            {
                var (depth, node) = (0, 0);
                while (tree.SplitFeature.Length > 0 && node >= 0)
                {
                    node = x.Row(r)[tree.SplitFeature[node]] <= tree.Threshold[node] ? tree.LeftChild[node] : tree.RightChild[node];
                    depth++;
                }
                var leaf = tree.SplitFeature.Length == 0 ? 0 : ~node;
                total += depth + AveragePathLength.Of(tree.LeafCover[leaf]);
            }
            Assert.Equal(total / forest.Trees.Length, raw[r], 9);
            Assert.Equal(Math.Pow(2, -total / forest.Trees.Length / AveragePathLength.Of(256)), model.Predict(x).Values![r], 12);
        }
    }

    [Fact]
    public void Fit_SameSeed_GivesTheSameScores_AnotherSeedOthers()
    {
        Assert.Equal(Fit(7).TrainingScores, Fit(7).TrainingScores);
        Assert.NotEqual(Fit(7).TrainingScores, Fit(8).TrainingScores);
    }

    [Fact]
    public void Fit_IsTheSameOnOneThreadAndMany()
    {
        var features = AnomalyFixture.Features(AnomalyFixture.Train);
        var one = new IsolationForestTrainer().FitScored(features, Unlabelled, new TrainingContext { Seed = 5, Threads = 1 });
        var many = new IsolationForestTrainer().FitScored(features, Unlabelled, new TrainingContext { Seed = 5, Threads = 4 });

        Assert.Equal(one.TrainingScores, many.TrainingScores);
    }

    [Fact]
    public void SavedAndLoaded_GivesIdenticalScoresAndFlags()
    {
        var model = Fit(2, new IsolationForestTrainer { Contamination = 0.05 }).Model;
        var bundle = new ModelBundle
        {
            Manifest = BundleManifest.For(model, "iforest", model.Trainer, new TrainingData("t", "fp", 420, 420, 0), DateTimeOffset.UnixEpoch),
            Model = model,
            Profile = Keel.Data.Profiling.DataProfile.Build(AnomalyFixture.Train),
        };
        using var bytes = new MemoryStream();
        bundle.Write(bytes);
        var loaded = ModelBundle.Load(bytes.ToArray()).Model;

        var before = model.Predict(AnomalyFixture.Query);
        var after = loaded.Predict(AnomalyFixture.Query);
        Assert.Equal(before.Values, after.Values);
        Assert.Equal(before.Anomalies, after.Anomalies);
        Assert.Equal(model.Threshold, loaded.Threshold);
        Assert.Equal(LinkKind.PathLength, loaded.Link.Kind);
    }

    [Fact]
    public void Auto_FlagsScoresAboveOneHalf_AsScikitLearnsOffset()
    {
        var fit = Fit(0);
        var predictions = fit.Model.Predict(AnomalyFixture.Train);

        Assert.Equal(0.5, fit.Model.Threshold);
        for (var i = 0; i < predictions.Rows; i++) Assert.Equal(predictions.Values![i] > 0.5, predictions.Anomalies![i]);
    }

    [Fact]
    public void Contamination_SetsTheThresholdAtThatQuantileOfTrainingScores()
    {
        var fit = Fit(0, new IsolationForestTrainer { Contamination = 0.05 });
        var flagged = fit.TrainingScores.Count(s => s > fit.Model.Threshold);

        Assert.Equal(AnomalyTrainer.Quantile(fit.TrainingScores, 0.95), fit.Model.Threshold);
        Assert.Equal(21, flagged); // above the interpolated 95th percentile of 420 distinct scores: 419 · 0.05 = 20.95 rows
    }

    [Fact]
    public void Threshold_Explicit_OverridesContamination()
    {
        var model = Fit(0, new IsolationForestTrainer { Contamination = 0.05, Threshold = 0.6 }).Model;

        Assert.Equal(0.6, model.Threshold);
    }

    [Fact]
    public void Options_Invalid_AreRefusedTogetherInOneMessage()
    {
        var e = Assert.Throws<KeelLearnException>(() => Fit(0, new IsolationForestTrainer { Trees = 0, MaxSamples = 1, MaxFeatures = 2, Contamination = 0.7 }));

        Assert.Contains("Trees", e.Message);
        Assert.Contains("MaxSamples", e.Message);
        Assert.Contains("MaxFeatures", e.Message);
        Assert.Contains("Contamination", e.Message);
    }

    [Fact]
    public void Fit_AClassificationTarget_IsRefusedNamingTheTask()
    {
        var train = AnomalyFixture.Train;
        var e = Assert.Throws<KeelLearnException>(() => new IsolationForestTrainer().Fit(train, Target.Detect(train, "outlier")));

        Assert.Contains("--task anomaly", e.Message);
    }

    [Fact]
    public void Fit_WithALabel_LeavesTheLabelOutOfTheFeatures()
    {
        var train = AnomalyFixture.Train;
        var model = new IsolationForestTrainer().Fit(train, Target.Anomaly(train, "outlier"));

        Assert.Equal(["x0", "x1", "x2", "x3"], model.Features.InputColumns);
        Assert.Equal("1", model.Target.PositiveClass);
    }

    [Fact]
    public void MaxFeatures_Half_GrowsEachTreeOnTwoOfFourFeatures()
    {
        var forest = (TreeEnsemble)Fit(0, new IsolationForestTrainer { MaxFeatures = 0.5 }).Model.Predictor;

        Assert.All(forest.Trees, t => Assert.True(t.SplitFeature.Distinct().Count() <= 2));
        Assert.True(forest.Trees.Select(t => string.Join(",", t.SplitFeature.Distinct().Order())).Distinct().Count() > 1);
    }
}

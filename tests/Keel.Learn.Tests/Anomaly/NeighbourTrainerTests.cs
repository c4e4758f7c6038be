using Keel.Learn.Anomaly;
using Keel.Learn.Bundles;
using Keel.Learn.Models;

namespace Keel.Learn.Tests.Anomaly;

/// <summary>LOF and k-NN distance against scikit-learn on standardized features (tests/fixtures/make_anomaly_fixtures.py).</summary>
public class NeighbourTrainerTests
{
    private static readonly Target Unlabelled = new("", TaskKind.Anomaly, []);

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i])), $"row {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    [Fact]
    public void LocalOutlierFactor_TrainingScores_EqualScikitLearnsNegativeOutlierFactor()
    {
        var fit = new LocalOutlierFactorTrainer().FitScored(AnomalyFixture.Train, Target.Anomaly(AnomalyFixture.Train, "outlier"));

        AssertClose(AnomalyFixture.Numbers("lof", "train"), fit.TrainingScores);
    }

    [Fact]
    public void LocalOutlierFactor_NewRows_EqualScikitLearnsNoveltyScoreSamples()
    {
        var model = new LocalOutlierFactorTrainer().Fit(AnomalyFixture.Features(AnomalyFixture.Train), Unlabelled);

        AssertClose(AnomalyFixture.Numbers("lof", "query"), model.Predict(AnomalyFixture.Query).Values!);
    }

    [Fact]
    public void LocalOutlierFactor_Auto_FlagsScoresAbove15()
    {
        var model = new LocalOutlierFactorTrainer().Fit(AnomalyFixture.Features(AnomalyFixture.Train), Unlabelled);
        var predictions = model.Predict(AnomalyFixture.Query);

        Assert.Equal(1.5, model.Threshold);
        for (var i = 0; i < predictions.Rows; i++) Assert.Equal(predictions.Values![i] > 1.5, predictions.Anomalies![i]);
        Assert.Contains(true, predictions.Anomalies!);
    }

    [Fact]
    public void LocalOutlierFactor_ScoresOneRowAsInABatch()
    {
        var model = new LocalOutlierFactorTrainer().Fit(AnomalyFixture.Features(AnomalyFixture.Train), Unlabelled);
        var x = model.Features.Transform(AnomalyFixture.Query);
        var batch = new double[x.Rows];
        model.Predictor.Score(x, batch, threads: 3);

        for (var r = 0; r < x.Rows; r++)
        {
            var one = new double[1];
            model.Predictor.ScoreRow(x.Row(r), one);
            Assert.Equal(batch[r], one[0]);
        }
    }

    [Fact]
    public void KnnDistance_EqualsScikitLearnsFifthNeighbourDistance()
    {
        var fit = new KnnDistanceTrainer().FitScored(AnomalyFixture.Features(AnomalyFixture.Train), Unlabelled);

        AssertClose(AnomalyFixture.Numbers("knn", "train"), fit.TrainingScores);
        AssertClose(AnomalyFixture.Numbers("knn", "query"), fit.Model.Predict(AnomalyFixture.Query).Values!);
        Assert.Equal(AnomalyTrainer.Quantile(fit.TrainingScores, 0.9), fit.Model.Threshold);
    }

    [Fact]
    public void Neighbours_MoreThanRows_AreCappedAtRowsMinusOne()
    {
        var five = AnomalyFixture.Features(AnomalyFixture.Train).Take([0, 1, 2, 3, 4]);
        var model = (NeighbourModel)new LocalOutlierFactorTrainer().Fit(five, Unlabelled).Predictor;

        Assert.Equal(4, model.Neighbours);
    }

    [Fact]
    public void SavedAndLoaded_GivesIdenticalScores()
    {
        var model = new LocalOutlierFactorTrainer { Contamination = 0.05 }.Fit(AnomalyFixture.Features(AnomalyFixture.Train), Unlabelled);
        var bundle = new ModelBundle
        {
            Manifest = BundleManifest.For(model, "lof", model.Trainer, new TrainingData("t", "fp", 420, 420, 0), DateTimeOffset.UnixEpoch),
            Model = model,
            Profile = Keel.Data.Profiling.DataProfile.Build(AnomalyFixture.Train),
        };
        using var bytes = new MemoryStream();
        bundle.Write(bytes);
        var loaded = ModelBundle.Load(bytes.ToArray()).Model;

        Assert.Equal(model.Predict(AnomalyFixture.Query).Values, loaded.Predict(AnomalyFixture.Query).Values);
        Assert.Equal(model.Threshold, loaded.Threshold);
    }
}

public class NeighbourIndexTests
{
    [Theory]
    [InlineData(2, 500)]
    [InlineData(6, 2000)]
    [InlineData(12, 300)]
    public void KdTree_FindsTheSameNeighboursAsAScan_TiesAndDuplicatesIncluded(int width, int count)
    {
        var random = new Random(width);
        // Values on a coarse grid, so equal distances and duplicate points are common.
        var points = Enumerable.Range(0, count * width).Select(_ => (float)random.Next(0, 6)).ToArray();
        var tree = new Keel.Learn.Anomaly.NeighbourIndex(points, width);
        var scan = new Keel.Learn.Anomaly.NeighbourIndex(points, width, tree: false);
        const int k = 7;

        for (var i = 0; i < count; i += 7)
        {
            var x = points.AsSpan(i * width, width);
            var (ti, td, si, sd) = (new int[k], new double[k], new int[k], new double[k]);
            tree.Search(x, i, ti, td);
            scan.Search(x, i, si, sd);
            Assert.Equal(si, ti);
            Assert.Equal(sd, td);
        }
    }
}

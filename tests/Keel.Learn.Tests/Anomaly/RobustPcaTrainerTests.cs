using Keel.Data;
using Keel.Learn.Anomaly;
using Keel.Learn.Models;

namespace Keel.Learn.Tests.Anomaly;

/// <summary>Reconstruction errors against NumPy's eigendecomposition (tests/fixtures/make_anomaly_fixtures.py).</summary>
public class RobustPcaTrainerTests
{
    private static readonly Target Unlabelled = new("", TaskKind.Anomaly, []);

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-8 * Math.Max(1, Math.Abs(expected[i])), $"row {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    [Fact]
    public void PlainPca_TwoComponents_EqualsNumPysReconstructionError()
    {
        var fit = new RobustPcaTrainer { Components = 2, TrimFraction = 0 }.FitScored(AnomalyFixture.Features(AnomalyFixture.Train), Unlabelled);

        AssertClose(AnomalyFixture.Numbers("pca", "plain_train"), fit.TrainingScores);
        AssertClose(AnomalyFixture.Numbers("pca", "plain_query"), fit.Model.Predict(AnomalyFixture.Query).Values!);
    }

    [Fact]
    public void TrimmedPca_Defaults_EqualNumPysTrimmedRefit()
    {
        var fit = new RobustPcaTrainer().FitScored(AnomalyFixture.Features(AnomalyFixture.Train), Unlabelled);

        Assert.Equal(AnomalyFixture.Sklearn.GetProperty("pca").GetProperty("trimmed_components").GetInt32(), ((PrincipalSubspace)fit.Model.Predictor).Components.Length);
        AssertClose(AnomalyFixture.Numbers("pca", "trimmed_train"), fit.TrainingScores);
        AssertClose(AnomalyFixture.Numbers("pca", "trimmed_query"), fit.Model.Predict(AnomalyFixture.Query).Values!);
    }

    [Fact]
    public void Components_AsManyAsFeatures_IsRefused()
    {
        var e = Assert.Throws<KeelLearnException>(() => new RobustPcaTrainer { Components = 4 }.Fit(AnomalyFixture.Features(AnomalyFixture.Train), Unlabelled));

        Assert.Contains("fewer than the 4 features", e.Message);
    }

    [Fact]
    public void CategoricalColumns_AreOneHotEncoded_AndAnUnseenCategoryStillScores()
    {
        var colours = new[] { "red", "green", "blue" };
        var train = AnomalyFixture.Features(AnomalyFixture.Train);
        var table = train.WithColumn(CategoricalColumn.FromStrings("colour", Enumerable.Range(0, train.RowCount).Select(i => colours[i % 3]).ToArray()));
        var model = new RobustPcaTrainer().Fit(table, Unlabelled);
        var query = AnomalyFixture.Features(AnomalyFixture.Query);
        query = query.WithColumn(CategoricalColumn.FromStrings("colour", Enumerable.Range(0, query.RowCount).Select(i => i == 0 ? "purple" : colours[i % 3]).ToArray()));

        var scores = model.Predict(query).Values!;

        Assert.Contains("colour=red", model.Features.FeatureNames);
        Assert.All(scores, s => Assert.True(double.IsFinite(s) && s >= 0));
    }
}

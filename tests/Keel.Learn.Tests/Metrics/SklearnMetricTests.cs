using System.Text.Json;
using Keel.Learn.Metrics;

namespace Keel.Learn.Tests.Metrics;

/// <summary>Every metric against scikit-learn 1.2.1 on the cases in Fixtures/sklearn_metrics.json (tests/fixtures/make_metric_fixtures.py).</summary>
public class SklearnMetricTests
{
    private static readonly JsonElement[] Cases = JsonDocument.Parse(File.ReadAllText(TestData.Fixture("sklearn_metrics.json")))
        .RootElement.GetProperty("cases").EnumerateArray().ToArray();

    private static int[] Ints(JsonElement c, string name) => c.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static double[] Doubles(JsonElement c, string name) => c.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static double D(JsonElement c, string name) => c.GetProperty(name).GetDouble();

    [Fact]
    public void Binary_MatchesScikitLearn()
    {
        var binary = Cases.Where(c => c.GetProperty("kind").GetString() == "binary").ToArray();
        Assert.Equal(3, binary.Length);
        foreach (var c in binary)
        {
            var y = Ints(c, "y");
            var p = Doubles(c, "p");
            var predicted = Ints(c, "predicted");
            Assert.Equal(D(c, "accuracy"), BinaryMetrics.Accuracy(y, predicted), 12);
            Assert.Equal(D(c, "precision"), BinaryMetrics.Precision(y, predicted), 12);
            Assert.Equal(D(c, "recall"), BinaryMetrics.Recall(y, predicted), 12);
            Assert.Equal(D(c, "f1"), BinaryMetrics.F1(y, predicted), 12);
            Assert.Equal(D(c, "roc_auc"), BinaryMetrics.RocAuc(y, p), 12);
            Assert.Equal(D(c, "average_precision"), BinaryMetrics.AveragePrecision(y, p), 12);
            Assert.Equal(D(c, "log_loss"), BinaryMetrics.LogLoss(y, p), 10);
            Assert.Equal(D(c, "brier"), BinaryMetrics.BrierScore(y, p), 12);
            var cm = BinaryMetrics.ConfusionMatrix(y, predicted);
            var expected = c.GetProperty("confusion_matrix").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
            Assert.Equal(expected, [[cm[0, 0], cm[0, 1]], [cm[1, 0], cm[1, 1]]]);
            var curve = c.GetProperty("calibration_curve").EnumerateArray().Select(a => a.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
            var (meanPredicted, fraction, _) = BinaryMetrics.CalibrationCurve(y, p);
            Assert.Equal(curve[0].Length, meanPredicted.Length);
            for (var i = 0; i < meanPredicted.Length; i++)
            {
                Assert.Equal(curve[0][i], meanPredicted[i], 12);
                Assert.Equal(curve[1][i], fraction[i], 12);
            }
        }
    }

    [Fact]
    public void Multiclass_MatchesScikitLearn()
    {
        foreach (var c in Cases.Where(c => c.GetProperty("kind").GetString() == "multiclass"))
        {
            var k = c.GetProperty("classes").GetInt32();
            var y = Ints(c, "y");
            var predicted = Ints(c, "predicted");
            Assert.Equal(D(c, "accuracy"), MulticlassMetrics.Accuracy(y, predicted), 12);
            Assert.Equal(D(c, "f1_macro"), MulticlassMetrics.F1(y, predicted, k, "macro"), 12);
            Assert.Equal(D(c, "f1_micro"), MulticlassMetrics.F1(y, predicted, k, "micro"), 12);
            Assert.Equal(D(c, "f1_weighted"), MulticlassMetrics.F1(y, predicted, k, "weighted"), 12);
            Assert.Equal(D(c, "log_loss"), MulticlassMetrics.LogLoss(y, Doubles(c, "probabilities"), k), 10);
        }
    }

    [Fact]
    public void Regression_MatchesScikitLearn()
    {
        foreach (var c in Cases.Where(c => c.GetProperty("kind").GetString() == "regression"))
        {
            var y = Doubles(c, "y");
            var yhat = Doubles(c, "predicted");
            Assert.Equal(D(c, "rmse"), RegressionMetrics.Rmse(y, yhat), 12);
            Assert.Equal(D(c, "mae"), RegressionMetrics.Mae(y, yhat), 12);
            Assert.Equal(D(c, "r2"), RegressionMetrics.R2(y, yhat), 12);
            Assert.Equal(D(c, "mape"), RegressionMetrics.Mape(y, yhat), 12);
        }
    }

    [Fact]
    public void ExpectedCalibrationError_HandComputed()
    {
        // Confidences 0.9 (right), 0.8 (wrong), 0.65 (right), 0.55 (right): bins (0.8,0.9] holds 0.9; (0.7,0.8] holds 0.8;
        // (0.6,0.7] holds 0.65; (0.5,0.6] holds 0.55. ECE = (|1-0.9| + |0-0.8| + |1-0.65| + |1-0.55|) / 4 = 0.425.
        int[] y = [1, 1, 0, 1];
        double[] p = [0.9, 0.2, 0.35, 0.55];

        Assert.Equal(0.425, BinaryMetrics.ExpectedCalibrationError(y, p), 12);
    }

    [Fact]
    public void RocAuc_OneClassOnly_IsRefusedWithAReason()
    {
        var e = Assert.Throws<KeelLearnException>(() => BinaryMetrics.RocAuc([1, 1, 1], [0.2, 0.5, 0.9]));

        Assert.Contains("both classes", e.Message);
    }
}

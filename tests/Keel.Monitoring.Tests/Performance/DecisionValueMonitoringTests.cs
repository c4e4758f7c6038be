using Keel.Data;
using Keel.Data.Profiling;
using Keel.Learn;
using Keel.Learn.Decisions;
using Keel.Learn.Trainers;
using Keel.Monitoring.Performance;

namespace Keel.Monitoring.Tests.Performance;

/// <summary>
/// The KPI over time: realized from the labels, and expected from CBPE's expected confusion matrix without them, as
/// NannyML estimates business value (docs/how_it_works/business_value.rst in NannyML/nannyml: Σ value × confusion
/// matrix cell, optionally divided by the chunk's number of predictions).
/// </summary>
public class DecisionValueMonitoringTests
{
    // NannyML's how-it-works example: a true positive is worth 100,000, a true negative 0, a false positive costs 1,000, a false negative 10,000.
    private static readonly DecisionValue NannyMlExample = DecisionValue.Of(tp: 100_000, fp: -1_000, fn: -10_000, tn: 0);
    private static readonly double[] ReferenceP = [0.9, 0.2, 0.6, 0.4, 0.7, 0.1];
    private static readonly int[] ReferenceY = [1, 0, 1, 0, 0, 0];

    [Fact]
    public void Estimate_ExpectedValue_IsTheValueOfTheExpectedConfusionMatrixPerDecision()
    {
        var cbpe = Cbpe.Fit(ReferenceP, ReferenceY, chunkSize: 3, new CbpeOptions { Calibration = CalibrationChoice.Never, Value = NannyMlExample });

        var metrics = cbpe.Estimate([0.9, 0.2, 0.6, 0.4]);

        // Expected TP 1.5, FP 0.5, FN 0.6, TN 1.4 (CbpeTests): 150,000 − 500 − 6,000 + 0 = 143,500 over 4 decisions.
        Assert.Equal(143_500 / 4.0, metrics[DecisionValue.MetricName], 9);
    }

    [Fact]
    public void Estimate_ThresholdThatActsOnNoOne_ExpectsOnlyMissedPositives()
    {
        var cbpe = Cbpe.Fit(ReferenceP, ReferenceY, chunkSize: 3,
            new CbpeOptions { Calibration = CalibrationChoice.Never, Threshold = double.PositiveInfinity, Value = NannyMlExample });

        var metrics = cbpe.Estimate([0.9, 0.2, 0.6, 0.4]);

        Assert.Equal(-10_000 * 2.1 / 4, metrics[DecisionValue.MetricName], 9); // Σp = 2.1 expected positives, all missed
    }

    [Fact]
    public void Binary_RealizedValue_CountsEachOutcomeAtTheThreshold()
    {
        var metrics = RealizedPerformance.Binary([1, 0, 1, 0], [0.9, 0.6, 0.3, 0.1], threshold: 0.3, DecisionValue.Of(tp: 450, fp: -50, fn: -500, tn: 0));

        Assert.Equal(212.5, metrics[DecisionValue.MetricName]); // (450 − 50 + 450 + 0) / 4
        Assert.Equal(0.75, metrics["accuracy"]);
    }

    [Fact]
    public void Binary_WithoutKpi_HasNoValueMetric()
    {
        var metrics = RealizedPerformance.Binary([1, 0], [0.9, 0.1]);

        Assert.False(metrics.ContainsKey(DecisionValue.MetricName));
    }

    [Fact]
    public void Run_BinaryModelWithKpi_TracksRealizedAndExpectedValueAtTheModelsThreshold()
    {
        static Table Rows(int n, int seed, double shift)
        {
            var random = new Random(seed);
            var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 2 + shift).ToArray();
            var y = x.Select(v => random.NextDouble() < 1 / (1 + Math.Exp(-2 * v)) ? "yes" : "no").ToArray();
            return new Table([new NumericColumn("x", x), CategoricalColumn.FromStrings("y", y)]);
        }
        var train = Rows(2000, 1, 0);
        var model = new LinearTrainer().Fit(train, Target.Detect(train, "y")) with { Threshold = 0.3 };
        var value = DecisionValue.Of(tp: 40, fp: -10, fn: -25, tn: 0, name: "net gain", unit: "EUR");
        var reference = Rows(1000, 2, 0);
        var current = Rows(1000, 3, -0.5);

        var result = ModelMonitor.Run(model, DataProfile.Build(train), reference, current, new MonitoringOptions { Window = 250, Value = value, Multivariate = false });

        Assert.Equal(value, result.Value);
        Assert.Equal(4, result.Realized.Count);
        Assert.Equal(4, result.Estimated.Count);
        var p = model.Predict(current).PositiveProbabilities();
        var labels = model.Target.Encode(current).Select(v => (int)v).ToArray();
        var first = value.PerDecision(BinaryConfusion.At(p.AsSpan(0, 250), labels.AsSpan(0, 250), 0.3));
        Assert.Equal(first, result.Realized[0].Metrics[DecisionValue.MetricName], 12);
        Assert.NotEqual(first, value.PerDecision(BinaryConfusion.At(p.AsSpan(0, 250), labels.AsSpan(0, 250), 0.5)));
        Assert.True(result.Realized[0].Band.ContainsKey(DecisionValue.MetricName));
        foreach (var chunk in result.Estimated)
            Assert.Equal(chunk.Realized![DecisionValue.MetricName], chunk.Metrics[DecisionValue.MetricName], 4.0);
    }

    [Fact]
    public void Run_KpiOnARegressionModel_IsRefused()
    {
        var table = new Table([new NumericColumn("x", [1, 2, 3, 4, 5, 6]), new NumericColumn("y", [1, 2, 3, 4, 5, 7])]);
        var model = new LinearTrainer().Fit(table, Target.Detect(table, "y", TaskKind.Regression));

        var e = Assert.Throws<ArgumentException>(() => ModelMonitor.Run(model, DataProfile.Build(table), null, table,
            new MonitoringOptions { Window = 10, Value = DecisionValue.Of(1, -1, -1, 0) }));

        Assert.Contains("applies to binary classifiers", e.Message);
    }
}

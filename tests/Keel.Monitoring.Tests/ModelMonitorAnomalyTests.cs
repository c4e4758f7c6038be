using Keel.Data;
using Keel.Data.Profiling;
using Keel.Learn;
using Keel.Learn.Anomaly;

namespace Keel.Monitoring.Tests;

/// <summary>An anomaly detector has no performance to estimate: the monitor checks its inputs and says so.</summary>
public class ModelMonitorAnomalyTests
{
    private static Table Rows(int n, int seed, double shift)
    {
        var random = new Random(seed);
        return new Table([
            new NumericColumn("a", Enumerable.Range(0, n).Select(_ => random.NextDouble() + shift).ToArray()),
            new NumericColumn("b", Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray()),
            new NumericColumn("outlier", Enumerable.Range(0, n).Select(i => i % 10 == 0 ? 1.0 : 0.0).ToArray()),
        ]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Run_AnAnomalyDetector_ChecksTheInputsAndSaysThereIsNoPerformanceToMonitor(bool labelled)
    {
        var train = Rows(500, 1, 0);
        var target = labelled ? Target.Anomaly(train, "outlier") : Target.Anomaly(train);
        var model = new IsolationForestTrainer().Fit(labelled ? train : train.Select(["a", "b"]), target);
        var current = Rows(300, 2, 0.6);

        var result = ModelMonitor.Run(model, DataProfile.Build(train), null, current, new MonitoringOptions { Window = 100 });

        Assert.Equal("Anomaly", result.Task);
        Assert.Empty(result.Realized);
        Assert.Empty(result.Estimated);
        Assert.Equal(3, result.Quality.Count);
        var note = Assert.Single(result.Notes, n => n.StartsWith("Anomaly detectors have no performance", StringComparison.Ordinal));
        var flagged = model.Predict(current).Anomalies!.Count(f => f);
        Assert.Contains($"{flagged:N0} of 300 rows", note);
        Assert.Contains(result.Drift!.Columns, c => c.Column == "a" && c.Drifted);
    }
}

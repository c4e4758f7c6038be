using Keel.Data;
using Keel.Learn;
using Keel.Learn.Trainers;
using Keel.Monitoring.Streaming;

namespace Keel.Monitoring.Tests.Streaming;

public class PrequentialRunTests
{
    /// <summary>2,000 rows of x in [0, 1) (the golden-ratio sequence, no randomness); y is x &gt; 0.5 before row 1,000 and x ≤ 0.5 from it.</summary>
    private static Table FlipAt1000()
    {
        var x = Enumerable.Range(0, 2000).Select(i => i * 0.618034 % 1).ToArray();
        var y = x.Select((v, i) => (v > 0.5) == (i < 1000) ? 1.0 : 0.0).ToArray();
        return new Table([new NumericColumn("x", x), new NumericColumn("y", y)]);
    }

    private static double AccuracyOf(PrequentialRun run, int from, int to) =>
        run.Correct.Skip(from - run.FirstRow).Take(to - from).Count(c => c) / (double)(to - from);

    /// <summary>The example in PrequentialRun's XML docs.</summary>
    [Fact]
    public void DocExample_AdwinDetectsTheFlipAndTheRefitRecovers()
    {
        var table = FlipAt1000();

        var run = PrequentialRun.Over(table, Target.Detect(table, "y"), new LinearTrainer(),
            new PrequentialOptions { InitialRows = 200, WindowRows = 30, RetrainOnDrift = "adwin" });

        Assert.Equal(1031, run.DriftRows[0]);
        Assert.Equal([1031], run.RetrainRows);
        Assert.Equal(0.98, Math.Round(run.Accuracy, 2));
    }

    [Fact]
    public void NoRefit_KeepsTheFirstModel_RightBeforeTheFlipAndWrongAfter()
    {
        var table = FlipAt1000();

        var run = PrequentialRun.Over(table, Target.Detect(table, "y"), new LinearTrainer(), new PrequentialOptions { InitialRows = 200 });

        Assert.Equal(200, run.FirstRow);
        Assert.Equal(1800, run.Correct.Count);
        Assert.Empty(run.RetrainRows);
        Assert.Empty(run.DriftRows);
        Assert.True(AccuracyOf(run, 200, 1000) > 0.98);
        Assert.True(AccuracyOf(run, 1000, 2000) < 0.02);
    }

    [Fact]
    public void RetrainEvery_RefitsAfterEachBlockOfScoredRows_AndNotAfterTheLastRow()
    {
        var table = FlipAt1000();

        var run = PrequentialRun.Over(table, Target.Detect(table, "y"), new LinearTrainer(),
            new PrequentialOptions { InitialRows = 200, WindowRows = 100, RetrainEvery = 300 });

        Assert.Equal([499, 799, 1099, 1399, 1699], run.RetrainRows);
        Assert.Empty(run.DriftRows);
        Assert.True(AccuracyOf(run, 1100, 2000) > 0.98);
    }

    [Fact]
    public void SameSeed_SameRun()
    {
        var table = FlipAt1000();
        var options = new PrequentialOptions { InitialRows = 200, WindowRows = 50, RetrainOnDrift = "ddm" };

        var first = PrequentialRun.Over(table, Target.Detect(table, "y"), new LinearTrainer(), options);
        var second = PrequentialRun.Over(table, Target.Detect(table, "y"), new LinearTrainer(), options);

        Assert.Equal(first.Correct, second.Correct);
        Assert.Equal(first.DriftRows, second.DriftRows);
        Assert.NotEmpty(first.DriftRows);
    }

    [Fact]
    public void BadOptions_AreRefusedTogether_EachNamed()
    {
        var table = FlipAt1000();

        var error = Assert.Throws<ArgumentException>(() => PrequentialRun.Over(table, Target.Detect(table, "y"), new LinearTrainer(),
            new PrequentialOptions { InitialRows = 2000, WindowRows = 1, RetrainEvery = -1, RetrainOnDrift = "cusum" }));

        Assert.Contains("WindowRows must be at least 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("RetrainEvery must be at least 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("'cusum' is not a detector", error.Message, StringComparison.Ordinal);
        Assert.Contains("the table has 2000 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegressionTarget_IsRefused()
    {
        var x = Enumerable.Range(0, 100).Select(i => i / 100.0).ToArray();
        var table = new Table([new NumericColumn("x", x), new NumericColumn("y", x.Select(v => v * 3.5).ToArray())]);

        var error = Assert.Throws<ArgumentException>(() =>
            PrequentialRun.Over(table, Target.Detect(table, "y"), new LinearTrainer(), new PrequentialOptions { InitialRows = 50 }));

        Assert.Contains("regression target", error.Message, StringComparison.Ordinal);
    }
}

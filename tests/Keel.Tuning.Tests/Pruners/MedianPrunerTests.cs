using Keel.Tuning.Pruners;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Tests.Pruners;

/// <summary>Cases of Optuna's tests/pruners_tests/test_median.py, and hand-made histories worked through its definition.</summary>
public class MedianPrunerTests
{
    private static bool Prune(IPruner pruner, StudyDirection direction, IReadOnlyList<FrozenTrial> others, params (int, double)[] current) =>
        pruner.ShouldPrune(new PruningContext("s", direction, others, History.Running(others.Count, current)));

    [Theory]
    [InlineData(StudyDirection.Minimize, 2)]
    [InlineData(StudyDirection.Maximize, 0.5)]
    public void AWorseValueThanTheOnlyCompleteTrial_IsPruned_OptunaIntermediateValuesCase(StudyDirection direction, double value)
    {
        var pruner = new MedianPruner(startupTrials: 0, warmupSteps: 0);
        FrozenTrial[] done = [History.Complete(0, 1, (1, 1))];

        Assert.True(Prune(pruner, direction, done, (1, value)));
        Assert.False(Prune(pruner, direction, done));
        Assert.False(Prune(pruner, direction, [History.Running(0, (1, 1))], (1, value)));
    }

    [Fact]
    public void NothingIsPruned_BeforeTheStartupTrialsAreComplete_OptunaStartupCase()
    {
        var pruner = new MedianPruner(startupTrials: 2, warmupSteps: 0);

        Assert.False(Prune(pruner, StudyDirection.Minimize, [History.Complete(0, 1, (1, 1))], (1, 2)));
        Assert.True(Prune(pruner, StudyDirection.Minimize, [History.Complete(0, 1, (1, 1)), History.Complete(1, 2, (1, 2))], (1, 3)));
    }

    [Fact]
    public void NothingIsPruned_DuringTheWarmup_OptunaWarmupCase()
    {
        var pruner = new MedianPruner(startupTrials: 0, warmupSteps: 1);
        FrozenTrial[] done = [History.Complete(0, 1, (0, 1), (1, 1))];

        Assert.False(Prune(pruner, StudyDirection.Minimize, done, (0, 10)));
        Assert.True(Prune(pruner, StudyDirection.Minimize, done, (0, 10), (1, 10)));
    }

    [Fact]
    public void TheMedian_InterpolatesBetweenTheMiddleValues_AndTheTrialsBestValueCounts()
    {
        // Complete trials at step 2: 0.6, 0.7, 0.8, 0.9; the median is 0.75 (maximize).
        var pruner = new MedianPruner(startupTrials: 4);
        var done = new[] { 0.6, 0.7, 0.8, 0.9 }.Select((v, i) => History.Complete(i, v, (1, v), (2, v))).ToList();

        Assert.True(Prune(pruner, StudyDirection.Maximize, done, (1, 0.74), (2, 0.74)));
        Assert.False(Prune(pruner, StudyDirection.Maximize, done, (1, 0.76), (2, 0.7)));
        Assert.Equal(0.75, MedianPruner.Percentile([0.9, 0.6, 0.8, 0.7], 50), 12);
    }

    [Theory]
    [InlineData(0, 2, new[] { 0, 2, 4 })]
    [InlineData(1, 2, new[] { 1, 3 })]
    [InlineData(0, 1, new[] { 0, 1, 2, 3, 4 })]
    public void Checks_HappenAtTheFirstReportOfEachIntervalAfterTheWarmup(int warmup, int interval, int[] checkedSteps)
    {
        var actual = Enumerable.Range(warmup, 5 - warmup).Where(step => MedianPruner.IsFirstInInterval(step, Enumerable.Range(0, step + 1), warmup, interval));

        Assert.Equal(checkedSteps, actual);
    }

    [Fact]
    public void InvalidSettings_AreRefusedTogether()
    {
        var e = Assert.Throws<KeelTuningException>(() => new MedianPruner(startupTrials: -1, intervalSteps: 0));

        Assert.Contains("startupTrials", e.Message);
        Assert.Contains("intervalSteps", e.Message);
    }
}

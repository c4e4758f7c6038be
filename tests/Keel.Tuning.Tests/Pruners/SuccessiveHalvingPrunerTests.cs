using Keel.Tuning.Pruners;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Tests.Pruners;

/// <summary>Cases of Optuna's tests/pruners_tests/test_successive_halving.py, and hand-made histories worked through its rung rule.</summary>
public class SuccessiveHalvingPrunerTests
{
    private static bool Prune(IPruner pruner, StudyDirection direction, IReadOnlyList<FrozenTrial> others, params (int, double)[] current) =>
        pruner.ShouldPrune(new PruningContext("s", direction, others, History.Running(others.Count, current)));

    [Theory]
    [InlineData(StudyDirection.Minimize, 2)]
    [InlineData(StudyDirection.Maximize, 0.5)]
    public void AWorseValueAtTheFirstRung_IsPruned_EvenAgainstARunningTrial_OptunaIntermediateValuesCase(StudyDirection direction, double value)
    {
        var pruner = new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 2);

        Assert.False(Prune(pruner, direction, [], (1, 1)));
        Assert.True(Prune(pruner, direction, [History.Running(0, (1, 1))], (1, value)));
    }

    [Fact]
    public void TheFirstTrial_IsNeverPruned_OptunaFirstTrialCase()
    {
        var pruner = new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 2);
        var reports = new List<(int, double)>();

        for (var step = 0; step < 10; step++)
        {
            reports.Add((step, 1));
            Assert.False(Prune(pruner, StudyDirection.Minimize, [], [.. reports]));
        }
    }

    [Fact]
    public void AtEachRung_OnlyTheBestOneInEtaGoOn()
    {
        // Maximize, η = 2, rungs at steps 1, 2, 4. At step 1 the values are 0.9, 0.5, 0.7 and 0.8: the 2nd best of 4
        // (0.8) goes on, 0.6 (3rd of 4) does not. At step 2 only A (0.9) and C (0.6) got there: with 3 values the best alone goes on.
        var pruner = new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 2);
        FrozenTrial[] others = [History.Complete(0, 0.9, (1, 0.9), (2, 0.9)), History.Pruned(1, (1, 0.5)), History.Complete(2, 0.6, (1, 0.7), (2, 0.6))];

        Assert.False(Prune(pruner, StudyDirection.Maximize, others, (1, 0.8)));
        Assert.True(Prune(pruner, StudyDirection.Maximize, others, (1, 0.6)));
        Assert.True(Prune(pruner, StudyDirection.Maximize, others, (1, 0.8), (2, 0.65)));
        Assert.False(Prune(pruner, StudyDirection.Maximize, others, (1, 0.8), (2, 0.95)));
    }

    [Fact]
    public void BetweenRungs_NothingIsPruned()
    {
        // min_resource 2, η 2: rungs at steps 2 and 4; step 3 is no rung.
        var pruner = new SuccessiveHalvingPruner(minResource: 2, reductionFactor: 2);
        FrozenTrial[] others = [History.Complete(0, 0.1, (1, 0.1), (2, 0.1), (3, 0.1), (4, 0.1))];

        Assert.False(Prune(pruner, StudyDirection.Minimize, others, (1, 9)));
        Assert.True(Prune(pruner, StudyDirection.Minimize, others, (1, 9), (2, 9)));
        Assert.False(Prune(pruner, StudyDirection.Minimize, others, (1, 0.05), (2, 0.05), (3, 9)));
    }

    [Fact]
    public void MinEarlyStoppingRate_MovesTheFirstRungOut()
    {
        // min_early_stopping_rate 1 with η 2: the first rung is at step 2, so a bad value at step 1 is kept.
        var pruner = new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 2, minEarlyStoppingRate: 1);
        FrozenTrial[] others = [History.Complete(0, 0.1, (1, 0.1), (2, 0.1))];

        Assert.False(Prune(pruner, StudyDirection.Minimize, others, (1, 9)));
        Assert.True(Prune(pruner, StudyDirection.Minimize, others, (1, 9), (2, 9)));
    }

    [Fact]
    public void InvalidSettings_AreRefused_AsOptunaRefusesThem()
    {
        Assert.Throws<KeelTuningException>(() => new SuccessiveHalvingPruner(minResource: 0));
        Assert.Throws<KeelTuningException>(() => new SuccessiveHalvingPruner(reductionFactor: 1));
        Assert.Throws<KeelTuningException>(() => new SuccessiveHalvingPruner(minEarlyStoppingRate: -1));
    }
}

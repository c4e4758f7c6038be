using Keel.Learn.Selection;
using Keel.Learn.Tests.Trainers;
using Keel.Learn.Trainers;

namespace Keel.Learn.Tests.Selection;

public class ModelSelectorTests
{
    /// <summary>A clock that moves forward by a fixed step each time it is read.</summary>
    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks);
    }

    [Fact]
    public void Select_ReportsEveryCandidateAndPicksTheBestMean()
    {
        var (data, target) = TrainerCases.Data(TaskKind.Binary, 800);
        var options = new SelectionOptions { Folds = 3, Candidates = [new LightGbmTrainer { Iterations = 20 }, new LinearTrainer()] };

        var result = ModelSelector.Select(data, target, options);

        Assert.Equal(["LightGbm", "Linear"], result.Candidates.Select(c => c.Trainer));
        Assert.All(result.Candidates, c => Assert.Equal(3, c.FoldScores.Length));
        Assert.Equal(result.Candidates.MaxBy(c => c.Mean)!.Trainer, result.Best.Trainer);
        Assert.Equal("roc_auc", result.Metric);
    }

    [Fact]
    public void Select_TimeBudgetRunsOut_LaterCandidatesAreSkippedAndSaidSo()
    {
        var (data, target) = TrainerCases.Data(TaskKind.Binary, 400);
        var options = new SelectionOptions
        {
            Folds = 3,
            TimeBudget = TimeSpan.FromSeconds(10),
            Candidates = [new LinearTrainer(), new LightGbmTrainer { Iterations = 10 }, new FastTreeTrainer { Trees = 5 }],
        };

        // Each read of the clock advances 4 s: the first candidate stops after a fold or two, the rest never start.
        var result = ModelSelector.Select(data, target, options, clock: new SteppingClock(TimeSpan.FromSeconds(4)));

        Assert.Equal("Linear", result.Best.Trainer);
        Assert.Equal(CandidateStatus.Partial, result.Candidates[0].Status);
        Assert.Contains(result.Candidates.Skip(1), c => c.Status == CandidateStatus.Skipped && c.Note!.Contains("time budget"));
    }

    [Fact]
    public void Select_MetricOfAnotherTask_IsRefused()
    {
        var (data, target) = TrainerCases.Data(TaskKind.Binary, 100);

        var e = Assert.Throws<KeelLearnException>(() => ModelSelector.Select(data, target, new SelectionOptions { Metric = "rmse" }));

        Assert.Contains("does not apply to binary", e.Message);
    }
}

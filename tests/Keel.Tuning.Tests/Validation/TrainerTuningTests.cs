using Keel.Data;
using Keel.Data.Io;
using Keel.Learn;
using Keel.Learn.Trainers;
using Keel.Store;
using Keel.Tuning.Studies;
using Keel.Tuning.Validation;

namespace Keel.Tuning.Tests.Validation;

public class TrainerTuningTests
{
    private static readonly Lazy<Table> Telco = new(() =>
    {
        var all = CsvTableReader.Read(Path.Combine(AppContext.BaseDirectory, "samples", "telco_churn.csv"));
        return all.Take(Enumerable.Range(0, 700).ToArray());
    });

    private static TrainerTuningOptions Options(string trainer, string pruner = "median", int trials = 6) => new()
    {
        Label = "Churn", Trainer = trainer, Pruner = pruner, Folds = 3, Threads = 1, Seed = 7,
        Optimize = new OptimizeOptions { Trials = trials },
    };

    [Fact]
    public void Run_SearchesOnlyTheTrainingPart_AndRefitsTheBestConfigurationIntoABundle()
    {
        var options = Options("lightgbm");

        var outcome = TrainerTuning.Run(Telco.Value, options, new InMemoryStudyStorage());
        var searched = TrainerTuning.TrainingPart(Telco.Value, options, Target.Detect(Telco.Value, "Churn"));
        var best = outcome.Study.BestTrial!;
        var trainer = Assert.IsType<LightGbmTrainer>(outcome.Trainer);

        Assert.Equal(DataFingerprint.Compute(outcome.Final.Train), DataFingerprint.Compute(searched));
        Assert.Equal(700, outcome.Final.Train.RowCount + outcome.Final.Test.RowCount);
        Assert.Equal(140, outcome.Final.Test.RowCount);
        Assert.Equal((double)best.Params["learning_rate"].External, trainer.LearningRate);
        Assert.Equal((long)best.Params["num_leaves"].External, trainer.Leaves);
        Assert.Equal(trainer.Parameters, outcome.Final.Bundle.Manifest.Parameters);
        Assert.Equal("roc_auc", outcome.Metric);
        Assert.Equal(StudyDirection.Maximize, outcome.Study.Direction);
        Assert.InRange(best.Value!.Value, 0.6, 1.0);
        Assert.Equal(6, outcome.Study.Trials.Count);
        Assert.Equal((0.05, 31L), ((double)outcome.Study.Trials[0].Params["learning_rate"].External, (long)outcome.Study.Trials[0].Params["num_leaves"].External));
        Assert.All(outcome.Study.Trials.Where(t => t.State == TrialState.Complete), t => Assert.Equal([1, 2, 3], t.Intermediate.Keys.Order()));
    }

    [Fact]
    public void Run_ScoresTheDefaultsOnTheSameHeldOutRows_AndRanksTheParameters()
    {
        var outcome = TrainerTuning.Run(Telco.Value, Options("lightgbm", pruner: "none", trials: 5), new InMemoryStudyStorage());

        Assert.Equal(0, outcome.DefaultsTrial!.Number);
        Assert.Equal(140, outcome.DefaultsHeldOut!.Rows);
        Assert.NotEqual(outcome.Final.Bundle.Evaluation!["roc_auc"], outcome.DefaultsHeldOut["roc_auc"]);
        Assert.Equal(5, outcome.Importance.Trials);
        Assert.Equal(7, outcome.Importance.Parameters.Count);
        Assert.Equal(1.0, outcome.Importance.Parameters.Sum(p => p.Importance), 9);
    }

    [Fact]
    public void Run_WithTwoWorkers_FillsTheStudyOnce_SharingTheThreads()
    {
        var options = Options("lightgbm", trials: 6) with { Threads = 4, Optimize = new OptimizeOptions { Trials = 6, Workers = 2, Worker = "me" } };

        var outcome = TrainerTuning.Run(Telco.Value, options, new InMemoryStudyStorage());

        Assert.Equal(Enumerable.Range(0, 6), outcome.Study.Trials.Select(t => t.Number));
        Assert.Equal(6, outcome.Optimize.FinishedTrials);
        Assert.Equal(6, outcome.Study.Trials.Select(t => string.Join(",", t.Params.Select(p => $"{p.Key}={p.Value.Internal}"))).Distinct().Count());
        Assert.Equal(2, TrainerTuning.ThreadsPerWorker(options));
    }

    [Fact]
    public void Run_WithTheLinearSpace_RecordsTheConditionalL1OnlyForTheElasticNet()
    {
        var outcome = TrainerTuning.Run(Telco.Value, Options("linear", pruner: "none", trials: 8), new InMemoryStudyStorage());

        Assert.All(outcome.Study.Trials, t => Assert.Equal((string)t.Params["penalty"].External == "elastic_net", t.Params.ContainsKey("l1")));
        Assert.IsType<LinearTrainer>(outcome.Trainer);
    }

    [Fact]
    public void Run_WithBadOptions_ListsEveryProblem()
    {
        var e = Assert.Throws<KeelTuningException>(() => TrainerTuning.Run(Telco.Value, Options("lightgbm") with { Sampler = "grid", Folds = 1 }, new InMemoryStudyStorage()));

        Assert.Contains("--sampler must be tpe or random", e.Message);
        Assert.Contains("--folds must be between 2 and 20", e.Message);
    }

    [Fact]
    public void Run_WithATrainerThatCannotDoTheTask_SaysWhichCan()
    {
        var e = Assert.Throws<KeelTuningException>(() => TrainerTuning.Run(Telco.Value, Options("fasttree") with { Label = "Contract" }, new InMemoryStudyStorage()));

        Assert.Contains("does not support multiclass", e.Message);
    }
}

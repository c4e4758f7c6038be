using Keel.Data;
using Keel.Data.Io;
using Keel.Learn;
using Keel.Learn.Ensembles;
using Keel.Learn.Evaluation;
using Keel.Store;
using Keel.Tuning.AutoMl;

namespace Keel.Tuning.Tests.AutoMl;

public class AutoMlJobTests
{
    private static readonly Lazy<Table> Telco = new(() =>
    {
        var all = CsvTableReader.Read(Path.Combine(AppContext.BaseDirectory, "samples", "telco_churn.csv"));
        return all.Take(Enumerable.Range(0, 900).ToArray());
    });

    private static AutoMlOptions Options(string ensemble = "auto", int trials = 2) => new()
    {
        Label = "Churn", Trainers = ["linear", "lightgbm"], TrialsPerTrainer = trials, TimeBudget = TimeSpan.FromMinutes(30),
        Folds = 3, Threads = 1, Seed = 7, Ensemble = ensemble,
    };

    private static readonly Lazy<AutoMlOutcome> Auto = new(() => AutoMlJob.Run(Telco.Value, null, Options()));

    [Fact]
    public void Run_EveryTrainerStartsFromItsDefaults_AndTheSummarySaysHowFarTuningMovedIt()
    {
        var outcome = Auto.Value;

        Assert.Equal(["linear", "lightgbm"], outcome.Trainers.Select(t => t.Trainer));
        foreach (var (summary, study) in outcome.Trainers.Zip(outcome.Studies))
        {
            Assert.Equal(2, study.Trials.Count);
            Assert.Equal(study.Trials.Single(t => t.Number == 0).Value, summary.DefaultCv);
            Assert.Equal(study.BestTrial!.Value, summary.BestCv);
            Assert.True(summary.BestCv >= summary.DefaultCv);
            Assert.NotNull(summary.DefaultHeldOut);
        }
    }

    [Fact]
    public void Run_ChoosesTheBestOutOfFoldScore_AndEvaluatesItOnlyOnHeldOutRows()
    {
        var outcome = Auto.Value;

        var board = outcome.Leaderboard;
        Assert.Equal(board.OrderByDescending(e => e.OutOfFold).Select(e => e.Name), board.Select(e => e.Name));
        Assert.Single(board, e => e.Chosen);
        Assert.Equal(board.Max(e => e.OutOfFold), outcome.Chosen.OutOfFold);
        Assert.Contains(board, e => e.Kind == "ensemble" && e.Trainer == "selection");
        Assert.Contains(board, e => e.Kind == "ensemble" && e.Trainer == "stacking");
        Assert.Equal(900, outcome.Train.RowCount + outcome.Test.RowCount);
        Assert.Equal(outcome.Test.RowCount, outcome.Bundle.Evaluation!.Rows);
        var heldOut = Evaluator.Evaluate(outcome.Bundle.Model, outcome.Test, resamples: 0)[MetricNames.RocAuc];
        Assert.Equal(heldOut, outcome.Bundle.Evaluation[MetricNames.RocAuc], 12);
        Assert.Equal(heldOut, outcome.Chosen.HeldOut, 12);
        Assert.Equal("AutoMl", outcome.Bundle.Manifest.Trainer);
        Assert.IsType<StackedEnsemble>(outcome.Bundle.Model.Predictor);
    }

    [Fact]
    public void Run_TheBundleSavesLoadsAndPredictsLikeAnyModel()
    {
        var outcome = Auto.Value;
        var path = Path.Combine(Path.GetTempPath(), $"keel-automl-{Guid.NewGuid():N}.keel");
        try
        {
            outcome.Bundle.Save(path);
            var loaded = Keel.Learn.Bundles.ModelBundle.Load(path);
            Assert.Equal(outcome.Bundle.Model.Predict(outcome.Test).PositiveProbabilities(), loaded.Model.Predict(outcome.Test).PositiveProbabilities());
            // An ensemble has no exact SHAP values: the bundle keeps training rows' features for the server to explain it against.
            Assert.Equal(Math.Min(Keel.Learn.Bundles.ExplanationBackground.MaxRows, outcome.Train.RowCount), loaded.Background!.Rows.Count);
            Assert.Equal(loaded.Model.Features.FeatureNames, loaded.Background.Features);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Run_WithEnsembleNone_WritesTheBestSingleModel()
    {
        var outcome = AutoMlJob.Run(Telco.Value, null, Options("none", trials: 1));

        var ensemble = Assert.IsType<StackedEnsemble>(outcome.Bundle.Model.Predictor);
        Assert.Single(ensemble.Layers);
        Assert.Single(ensemble.Layers[0].Members);
        Assert.Equal(3, ensemble.Layers[0].Members[0].Folds.Count);
        Assert.Equal("model", outcome.Chosen.Kind);
        Assert.Equal(outcome.Leaderboard.Where(e => e.Kind == "model").Max(e => e.OutOfFold), outcome.Chosen.OutOfFold);
    }

    [Fact]
    public void Run_WithRefit_WritesOneModelPerMember_AndEvaluatesTheRefitModel()
    {
        var outcome = AutoMlJob.Run(Telco.Value, null, Options("selection", trials: 1) with { Refit = true });

        var ensemble = Assert.IsType<StackedEnsemble>(outcome.Bundle.Model.Predictor);
        Assert.All(ensemble.Layers.SelectMany(l => l.Members), m => Assert.Single(m.Folds));
        Assert.Equal(outcome.Bundle.Evaluation![MetricNames.RocAuc], outcome.Chosen.HeldOut, 12);
        Assert.Equal("true", outcome.Bundle.Manifest.Parameters["refit"]);
    }

    [Fact]
    public void Run_WithATestTable_SearchesOnEveryDataRow_AndEvaluatesOnTheTestRows()
    {
        var all = CsvTableReader.Read(Path.Combine(AppContext.BaseDirectory, "samples", "telco_churn.csv"));
        var test = all.Take(Enumerable.Range(900, 300).ToArray());

        var outcome = AutoMlJob.Run(Telco.Value, test, Options("selection", trials: 1));

        Assert.Equal(900, outcome.Train.RowCount);
        Assert.Equal(300, outcome.Bundle.Evaluation!.Rows);
    }

    [Fact]
    public void Run_RefusesBadOptions_NamingEveryOne()
    {
        var error = Assert.Throws<KeelTuningException>(() => AutoMlJob.Run(Telco.Value, null,
            Options() with { Ensemble = "bagging", Trainers = ["lightgbm", "xgboost"], Folds = 1 }));

        Assert.Contains("--ensemble must be one of auto, none, voting, selection, stacking; it is 'bagging'", error.Message);
        Assert.Contains("'xgboost' is not one of", error.Message);
        Assert.Contains("--folds must be between 2 and 20", error.Message);
    }

    [Fact]
    public void Run_ForAnAnomalyTask_SaysWhichCommandTrainsDetectors()
    {
        var error = Assert.Throws<KeelTuningException>(() => AutoMlJob.Run(Telco.Value, null, Options() with { Task = TaskKind.Anomaly }));
        Assert.Contains("keel train --task anomaly", error.Message);
    }
}

using Keel.Learn.Bundles;
using Keel.Learn.Decisions;
using Keel.Learn.Selection;
using Keel.Learn.Trainers;
using Keel.Learn.Training;

namespace Keel.Learn.Tests.Decisions;

public sealed class KpiTrainingTests : IDisposable
{
    private static readonly DecisionValue Churn = DecisionValue.Of(tp: 450, fp: -50, fn: -500, tn: 0, name: "retention value", unit: "EUR");

    private readonly string _folder = Directory.CreateTempSubdirectory("keel-kpi-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static TrainingOutcome Train(DecisionValue? value) => TrainingJob.Run(TestData.TelcoHead(1200), new TrainingJobOptions
    {
        Label = "Churn",
        Seed = 5,
        BootstrapResamples = 20,
        Trainer = new LinearTrainer(),
        Selection = new SelectionOptions { Folds = 3 },
        Value = value,
    });

    [Fact]
    public void Run_WithKpi_SetsTheThresholdChosenOnOutOfFoldScoresOfTheTrainingRows()
    {
        var outcome = Train(Churn);
        var bundle = outcome.Bundle;

        var decision = Assert.IsType<ThresholdChoice>(bundle.Decision);
        Assert.Equal(decision.Threshold, bundle.Model.Threshold);
        Assert.Equal(outcome.Train.RowCount, decision.Rows);
        Assert.Contains("3-fold cross-validation", decision.Validation);
        Assert.True(decision.Chosen.PerDecision >= decision.AtDefault.PerDecision);
        Assert.True(decision.Chosen.PerDecision >= decision.NoOne.PerDecision);
        Assert.InRange(decision.Curve.Count, 3, 201);

        var heldOut = Assert.IsType<DecisionEvaluation>(bundle.Evaluation!.Decisions);
        Assert.Equal(outcome.Test.RowCount, heldOut.Rows);
        Assert.Equal(bundle.Model.Threshold, heldOut.AtThreshold.Threshold);
        Assert.Equal(bundle.Model.Threshold, bundle.Evaluation.Threshold);
        var cm = bundle.Evaluation.ConfusionMatrix; // [[TN, FP], [FN, TP]] at the chosen threshold
        Assert.Equal(new BinaryConfusion(cm[1][1], cm[0][1], cm[1][0], cm[0][0]), heldOut.AtThreshold.Confusion);
        Assert.Equal(Churn, bundle.Recipe!.Value);
        Assert.Equal(3, bundle.Recipe.ThresholdFolds);
    }

    [Fact]
    public void Run_WithoutKpi_KeepsThresholdHalfAndNoDecisionPart()
    {
        var bundle = Train(null).Bundle;

        Assert.Equal(0.5, bundle.Model.Threshold);
        Assert.Null(bundle.Decision);
        Assert.Null(bundle.Evaluation!.Decisions);
        Assert.Null(bundle.Recipe!.Value);
    }

    [Fact]
    public void Bundle_WithKpi_RoundTripsTheDecisionUnderItsChecksum()
    {
        var bundle = Train(Churn).Bundle;
        var path = Path.Combine(_folder, "churn.keel");

        bundle.Save(path);
        var loaded = ModelBundle.Load(path);

        Assert.Equal(bundle.Decision!.Value, loaded.Decision!.Value);
        Assert.Equal(bundle.Decision.Threshold, loaded.Decision.Threshold);
        Assert.Equal(bundle.Decision.Curve, loaded.Decision.Curve);
        Assert.Equal(bundle.Decision.NoOne, loaded.Decision.NoOne);
        Assert.True(double.IsNegativeInfinity(loaded.Decision.Everyone.Threshold));
        Assert.Equal(bundle.Model.Threshold, loaded.Model.Threshold);
        Assert.Equal(bundle.Evaluation!.Decisions!.AtThreshold, loaded.Evaluation!.Decisions!.AtThreshold);
        Assert.Equal(Churn, loaded.Recipe!.Value);
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        var checksums = System.Text.Json.JsonDocument.Parse(zip.GetEntry(ModelBundle.ChecksumsPart)!.Open());
        Assert.True(checksums.RootElement.GetProperty("parts").TryGetProperty(ModelBundle.DecisionPart, out _));
    }

    [Fact]
    public void Bundle_WithoutDecisionPart_LoadsAsBefore()
    {
        var path = Path.Combine(_folder, "plain.keel");
        Train(null).Bundle.Save(path);

        var loaded = ModelBundle.Load(path);

        Assert.Null(loaded.Decision);
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        Assert.Null(zip.GetEntry(ModelBundle.DecisionPart));
    }

    [Fact]
    public void Retrain_RecipeWithKpi_ChoosesTheSameThresholdAgain()
    {
        var parent = Train(Churn).Bundle;
        var job = parent.Recipe!.JobOptions("model", "telco.csv", "model@1") with { BootstrapResamples = 20 };

        var child = TrainingJob.Run(TestData.TelcoHead(1200), job).Bundle;

        Assert.Equal(Churn, job.Value);
        Assert.Equal(3, job.Selection.Folds);
        Assert.Equal(parent.Model.Threshold, child.Model.Threshold);
        Assert.Equal(parent.Decision!.Chosen, child.Decision!.Chosen);
    }

    [Fact]
    public void Run_KpiOnARegressionTask_IsRefused()
    {
        var e = Assert.Throws<KeelLearnException>(() => TrainingJob.Run(TestData.TelcoHead(300), new TrainingJobOptions
        {
            Label = "MonthlyCharges", Task = TaskKind.Regression, Trainer = new LinearTrainer(), Value = Churn,
        }));

        Assert.Contains("applies to binary classifiers", e.Message);
    }
}

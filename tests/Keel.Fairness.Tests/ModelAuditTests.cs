using Keel.Data;
using Keel.Data.Io;
using Keel.Learn;
using Keel.Learn.Trainers;

namespace Keel.Fairness.Tests;

/// <summary>The audit of a Keel model on the shipped UCI Adult sample.</summary>
public class ModelAuditTests
{
    private static readonly string[] AdultColumns =
    [
        "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship",
        "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income",
    ];

    private static readonly Lazy<(Keel.Learn.Models.Model Model, Table Test)> Trained = new(() =>
    {
        var data = CsvTableReader.Read(Path.Combine(AppContext.BaseDirectory, "samples", "adult.data"),
            new CsvReadOptions { HasHeader = false, ColumnNames = AdultColumns });
        var target = Target.Detect(data, "income");
        var model = new LinearTrainer().Fit(data.Take(Enumerable.Range(0, 4000).ToArray()), target);
        return (model, data.Take(Enumerable.Range(4000, 2000).ToArray()));
    });

    [Fact]
    public void Run_Model_UsesItsPositiveClassPredictionsAndProbabilities()
    {
        var (model, test) = Trained.Value;

        var audit = FairnessAudit.Run(model, test, new FairnessAuditOptions { SensitiveColumns = ["sex", "race"], Bootstrap = 0 });

        var predictions = model.Predict(test);
        Assert.Equal(">50K", audit.PositiveClass);
        Assert.Equal("income", audit.Label);
        Assert.Equal(2000, audit.Rows);
        Assert.Equal(predictions.Labels!.Count(l => l == ">50K") / 2000.0, audit.Overall["selection_rate"].Value!.Value, 12);
        Assert.Equal(predictions.PositiveProbabilities().Average(), audit.Overall["mean_score"].Value!.Value, 12);
        Assert.Equal(["sex", "race", "sex × race"], audit.Analyses.Select(a => a.Name));
        Assert.True(audit.Analysis("sex").DemographicParityDifference.Value > 0);
    }

    [Fact]
    public void Run_Model_OtherPositiveClass_FlipsRatesAndScores()
    {
        var (model, test) = Trained.Value;
        var options = new FairnessAuditOptions { SensitiveColumns = ["sex"], Bootstrap = 0 };

        var high = FairnessAudit.Run(model, test, options);
        var low = FairnessAudit.Run(model, test, options with { PositiveClass = "<=50K" });

        Assert.Equal("<=50K", low.PositiveClass);
        Assert.Equal(1 - high.Overall["selection_rate"].Value!.Value, low.Overall["selection_rate"].Value!.Value, 12);
        Assert.Equal(1 - high.Overall["mean_score"].Value!.Value, low.Overall["mean_score"].Value!.Value, 12);
        Assert.Equal(high.Overall["accuracy"].Value!.Value, low.Overall["accuracy"].Value!.Value, 12);
        Assert.Equal(high.Analysis("sex").DemographicParityDifference.Value!.Value, low.Analysis("sex").DemographicParityDifference.Value!.Value, 12);
    }

    [Fact]
    public void Summarize_Model_GivesTheGateItsNumbers()
    {
        var (model, test) = Trained.Value;

        var summary = FairnessAudit.Summarize(model, test, "sex");
        var audit = FairnessAudit.Run(model, test, new FairnessAuditOptions { SensitiveColumns = ["sex"], Bootstrap = 0 });

        Assert.Equal(audit.Analysis("sex").DemographicParityDifference, summary.DemographicParityDifference);
        Assert.Equal(audit.Analysis("sex").EqualizedOddsDifference, summary.EqualizedOddsDifference);
        Assert.Equal(audit.Analysis("sex").DisparateImpact.Ratio, summary.DisparateImpact);
        Assert.Equal(audit.Overall["accuracy"], summary.Overall["accuracy"]);
        Assert.Null(summary.DemographicParityDifference.Lower);
        Assert.Equal(["Female", "Male"], summary.Groups.Select(g => g.Name));
        Assert.NotEmpty(summary.Sentences);
    }

    [Fact]
    public void Run_Model_TableWithoutTheLabel_IsRefusedNamingIt()
    {
        var (model, test) = Trained.Value;
        var unlabelled = test.Select(test.Schema.Names.Where(n => n != "income"));

        var e = Assert.Throws<KeelDataException>(() => FairnessAudit.Run(model, unlabelled, new FairnessAuditOptions { SensitiveColumns = ["sex"], Bootstrap = 0 }));

        Assert.StartsWith("The label column 'income' does not exist.", e.Message);
    }

    [Fact]
    public void Run_NoSensitiveColumns_IsRefused()
    {
        var (model, test) = Trained.Value;

        var e = Assert.Throws<KeelDataException>(() => FairnessAudit.Run(model, test, new FairnessAuditOptions { Bootstrap = -1 }));

        Assert.Contains("At least one sensitive column is needed", e.Message);
        Assert.Contains("Bootstrap must be 0 (no intervals) or more", e.Message);
    }

    [Fact]
    public void Run_NumericSensitiveColumnWithManyValues_IsRefusedWithAdvice()
    {
        var (model, test) = Trained.Value;

        var e = Assert.Throws<KeelDataException>(() => FairnessAudit.Run(model, test, new FairnessAuditOptions { SensitiveColumns = ["age"], Bootstrap = 0 }));

        Assert.Contains("The sensitive column 'age' has", e.Message);
        Assert.Contains("Bin it first", e.Message);
    }
}

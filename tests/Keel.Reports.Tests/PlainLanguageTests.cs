using Keel.Learn;
using Keel.Learn.Evaluation;

namespace Keel.Reports.Tests;

public class PlainLanguageTests
{
    private static EvaluationResult Binary(double precision, double recall) => new()
    {
        Task = TaskKind.Binary,
        Rows = 1000,
        Classes = ["No", "Yes"],
        // 200 leave; the model flags 180, of which 122 really leave.
        ConfusionMatrix = [[742, 58], [78, 122]],
        Metrics =
        [
            new(MetricNames.RocAuc, 0.853), new(MetricNames.Precision, precision), new(MetricNames.Recall, recall),
            new(MetricNames.Ece, 0.031), new(MetricNames.AveragePrecision, 0.6),
        ],
    };

    [Fact]
    public void Summarize_Binary_SaysPrecisionAndRecallPer100InTheUsersWords()
    {
        var wording = new ReportWording { Entities = "customers", FlaggedAs = "likely to leave", Outcome = "leave", Who = "who" };

        var lines = PlainLanguage.Summarize(Binary(0.678, 0.61), "Yes", wording);

        Assert.Equal("Of 100 customers the model flags as likely to leave, about 68 really leave; it finds 61 of every 100 who leave.", lines[0]);
        Assert.Equal("Picking one at random from the customers who leave and one from the rest, the model ranks the first as more likely 85 times out of 100 (ROC AUC 0.853; 50 would be guessing).", lines[1]);
        Assert.Contains("20 of every 100 customers leave", lines[2]);
        Assert.Contains("3.1 percentage points", lines[3]);
    }

    [Fact]
    public void Summarize_Binary_DefaultWordingSpeaksOfRowsAndTheClass()
    {
        var lines = PlainLanguage.Summarize(Binary(0.74, 0.64), ">50K");

        Assert.Equal("Of 100 rows the model flags as \u201c>50K\u201d, about 74 really are \u201c>50K\u201d; it finds 64 of every 100 that are \u201c>50K\u201d.", lines[0]);
    }

    [Fact]
    public void Summarize_Regression_SpeaksOfTypicalErrorAndVariationExplained()
    {
        var evaluation = new EvaluationResult
        {
            Task = TaskKind.Regression,
            Rows = 100,
            Metrics = [new(MetricNames.Rmse, 3), new(MetricNames.Mae, 2.25), new(MetricNames.R2, 0.81), new(MetricNames.Mape, 0.1)],
        };

        var lines = PlainLanguage.Summarize(evaluation, null);

        Assert.Equal("Its predictions are typically off by 2.25 (mean absolute error).", lines[0]);
        Assert.Contains("81 %", lines[1]);
    }
}

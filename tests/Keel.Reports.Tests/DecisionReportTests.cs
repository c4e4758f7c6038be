using Keel.Learn.Decisions;

namespace Keel.Reports.Tests;

public class DecisionReportTests
{
    private static readonly DecisionValue Churn = DecisionValue.Of(tp: 450, fp: -50, fn: -500, tn: 0, name: "retention value", unit: "EUR");
    private static readonly double[] Scores = [0.9, 0.6, 0.3, 0.1];
    private static readonly int[] Labels = [1, 0, 1, 0];

    [Fact]
    public void Summary_SaysWhatTheThresholdIsWorthAgainstTheAlternatives_InPlainWords()
    {
        var heldOut = DecisionEvaluation.Of(Churn, Scores, Labels, 0.3);

        var sentences = DecisionReport.Summary(null, heldOut);

        Assert.Equal(
        [
            "The model acts when its predicted probability is at least 0.3. On 4 held-out rows the model never saw, that is expected to bring 462.5 EUR per decision (462,500 EUR per 1,000) more than acting on no one, and 12.5 EUR more than acting on everyone.",
            "Compared with the usual threshold 0.5, the chosen threshold is worth 237.5 EUR more per decision (+237,500 EUR per 1,000 decisions).",
            "In total: 850 EUR over these 4 decisions (212,500 EUR per 1,000).",
        ], sentences);
    }

    [Fact]
    public void Summary_WhenActingNeverPays_SaysSo()
    {
        var choice = ThresholdOptimizer.Choose([0.9, 0.8], [0, 1], DecisionValue.Of(tp: 1, fp: -10, fn: 0, tn: 0));

        var sentences = DecisionReport.Summary(choice, null);

        Assert.True(double.IsPositiveInfinity(choice.Threshold));
        Assert.StartsWith("No threshold makes acting on the model's predictions worth more than acting on no one", sentences[0]);
    }

    [Fact]
    public void Add_WritesTheSectionWithTheValueCurveAndTheAlternatives()
    {
        var choice = ThresholdOptimizer.Choose(Scores, Labels, Churn) with { Validation = "out-of-fold P(positive) of Linear" };
        var report = new HtmlReport("model");

        DecisionReport.Add(report, choice, DecisionEvaluation.Of(Churn, Scores, Labels, choice.Threshold));
        var html = report.Render();

        Assert.Contains("Business value: retention value", html);
        Assert.Contains("<svg", html);
        Assert.Contains("retention value per decision (EUR)", html);
        Assert.Contains("validation (out-of-fold)", html);
        Assert.Contains("the model at 0.5", html);
        Assert.Contains("The threshold was chosen on the out-of-fold P(positive) of Linear.", html);
    }

    [Fact]
    public void Add_WithoutKpi_AddsNothing()
    {
        var report = new HtmlReport("model");

        DecisionReport.Add(report, null, null);

        Assert.DoesNotContain("Business value", report.Render());
    }
}

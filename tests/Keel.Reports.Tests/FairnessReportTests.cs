using Keel.Fairness;
using Keel.Fairness.Metrics;

namespace Keel.Reports.Tests;

public class FairnessReportTests
{
    // Fairlearn's documented example; group c has no negative labels once its two negatives are relabelled.
    private static FairnessAuditResult Audit(int bootstrap) => FairnessAudit.Run(new FairnessData
    {
        YTrue = [false, true, true, true, true, true, true, true, true, false, true, false, true, true, true, true, true, true],
        YPred = [false, false, true, false, true, true, true, false, false, true, true, true, true, false, false, true, true, false],
        SensitiveFeatures = [new("group", ["b", "b", "a", "b", "b", "c", "c", "c", "a", "a", "c", "a", "b", "c", "c", "b", "c", "c"])],
    }, new FairnessAuditOptions { Bootstrap = bootstrap }, "approved");

    [Fact]
    public void Build_UndefinedRate_IsShownAsTextWithItsReason()
    {
        var html = FairnessReport.Build("m", "d.csv", Audit(0)).Render();

        Assert.Contains("undefined: the group has no negative labels", html);
        Assert.Contains("c (the group has no negative labels)", html);   // left out of the false positive rate gap, and named
        Assert.DoesNotContain("NaN", html);
    }

    [Fact]
    public void Build_HasSummaryChartsMeasuresAndTheFourFifthsCaveat()
    {
        var audit = Audit(50);

        var report = FairnessReport.Build("m", "d.csv", audit);
        var html = report.Render();

        Assert.Equal(audit.Summary[0], report.Sections[0].Texts[0]);
        Assert.Equal(3, html.Split("<svg").Length - 1);   // selection, true and false positive rates
        Assert.Contains("demographic_parity_difference", html);
        Assert.Contains("Disparate impact", html);
        Assert.Contains("not a legal or statistical verdict", html);
        Assert.Contains("Bias in the labels, before any model", html);
        Assert.DoesNotContain("<script", html);
    }
}

using Keel.Data;
using Keel.Data.Profiling;
using Keel.Learn.Evaluation;

namespace Keel.Reports.Tests;

public class HtmlReportTests
{
    [Fact]
    public void Render_IsSelfContainedAndEscapesText()
    {
        var report = new HtmlReport("A <b> report");
        report.Section("Numbers").Callout("x < y & z").Table(["a", "b"], [["1", "two"]]);

        var html = report.Render();

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("A &lt;b&gt; report", html);
        Assert.Contains("x &lt; y &amp; z", html);
        Assert.Contains("<td class=\"num\">1</td>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
    }

    [Fact]
    public void Plots_AreInlineSvg()
    {
        var roc = Plots.Roc(new Curve([0, 0.2, 1], [0, 0.7, 1]), 0.75);
        var profile = DataProfile.Build(new Table([new NumericColumn("x", Enumerable.Range(0, 200).Select(i => (double)(i % 37)).ToArray()), CategoricalColumn.FromStrings("c", Enumerable.Range(0, 200).Select(i => i % 3 == 0 ? "b" : "a").ToArray())]));

        Assert.StartsWith("<svg", roc.TrimStart());
        Assert.Contains("AUC 0.750", roc);
        Assert.StartsWith("<svg", Plots.Histogram(profile["x"]).TrimStart());
        Assert.StartsWith("<svg", Plots.Histogram(profile["c"]).TrimStart());
        Assert.StartsWith("<svg", Plots.ConfusionMatrix([[5, 1], [2, 7]], ["no", "yes"]).TrimStart());
    }

    [Fact]
    public void ProfileReport_HasARowAndAFigurePerColumn()
    {
        var profile = DataProfile.Build(new Table([new NumericColumn("age", [1, 2, double.NaN]), CategoricalColumn.FromStrings("city", ["a", "b", "a"])]));

        var html = ProfileReport.Build(profile, "/data/people.csv").Render();

        Assert.Contains("Data profile: people.csv", html);
        Assert.Contains("1 column has missing values, most in age (33.3 %)", html);
        Assert.Equal(2, html.Split("<figure>").Length - 1);
    }
}

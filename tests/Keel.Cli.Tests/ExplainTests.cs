using System.Text.Json;

namespace Keel.Cli.Tests;

/// <summary>A folder with a LightGBM churn bundle the CLI trained, shared by the explain tests.</summary>
public sealed class TrainedChurnModel : IDisposable
{
    public WorkFolder Work { get; } = new();

    public TrainedChurnModel()
    {
        var (exit, _, stderr) = KeelProcess.Run(Work.Path, "train", "--data", KeelProcess.Sample("telco_churn.csv"), "--label", "Churn",
            "--trainers", "lightgbm", "--folds", "2", "--out", "m.keel", "--test-fraction", "0.3");
        Assert.True(exit == 0, stderr);
    }

    public void Dispose() => Work.Dispose();
}

/// <summary><c>keel explain</c> on a bundle the CLI trained: JSON that adds up, a report, clear errors.</summary>
public sealed class ExplainTests(TrainedChurnModel trained) : IClassFixture<TrainedChurnModel>
{
    private readonly WorkFolder _work = trained.Work;

    [Fact]
    public void Explain_RowsAddUpToTheirProbability_AndTheReportNamesTheReasons()
    {
        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "explain", "--model", "m.keel", "--data", KeelProcess.Sample("telco_churn.csv"),
            "--rows", "0,7", "--sample", "300", "--pdp", "tenure,Contract", "--pdp", "tenure:MonthlyCharges", "--interactions", "40", "--out", "why.html", "--json");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("log-odds", root.GetProperty("units").GetString());
        var importance = root.GetProperty("importance").EnumerateArray().ToArray();
        Assert.Equal(19, importance.Length);
        Assert.True(importance[0].GetProperty("meanAbsShap").GetDouble() >= importance[^1].GetProperty("meanAbsShap").GetDouble());
        var rows = root.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal([0, 7], rows.Select(r => r.GetProperty("row").GetInt32()));
        foreach (var row in rows)
        {
            var total = row.GetProperty("baseValue").GetDouble() + row.GetProperty("contributions").EnumerateArray().Sum(c => c.GetProperty("shap").GetDouble());
            Assert.Equal(row.GetProperty("rawScore").GetDouble(), total, 6);
            var p = 1 / (1 + Math.Exp(-total));
            Assert.Contains($"P(Yes) = {p.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}", row.GetProperty("prediction").GetString());
        }
        var pd = root.GetProperty("partialDependence").EnumerateArray().ToArray();
        Assert.Equal(["tenure", "Contract", "tenure,MonthlyCharges"], pd.Select(p => string.Join(",", p.GetProperty("columns").EnumerateArray().Select(c => c.GetString()))));
        Assert.Equal(["Month-to-month", "One year", "Two year"], pd[1].GetProperty("grids")[0].EnumerateArray().Select(g => g.GetString()));
        var joint = pd[2];
        Assert.Equal(joint.GetProperty("grids")[0].GetArrayLength() * joint.GetProperty("grids")[1].GetArrayLength(), joint.GetProperty("average").GetArrayLength());
        var pairs = root.GetProperty("interactions").EnumerateArray().ToArray();
        Assert.NotEmpty(pairs);
        Assert.True(pairs[0].GetProperty("meanAbsInteraction").GetDouble() >= pairs[^1].GetProperty("meanAbsInteraction").GetDouble());
        Assert.NotEqual(pairs[0].GetProperty("first").GetString(), pairs[0].GetProperty("second").GetString());
        Assert.True(pd[1].GetProperty("average")[0].GetDouble() > pd[1].GetProperty("average")[2].GetDouble(), "month-to-month customers should churn more than two-year ones");
        var first = rows[0].GetProperty("contributions")[0];
        Assert.Equal(JsonValueKind.String, first.GetProperty("column").ValueKind);
        var report = File.ReadAllText(Path.Combine(_work.Path, "why.html"));
        Assert.Contains("What matters overall", report);
        Assert.Contains("Most raised the chance of Churn = Yes", report);
        Assert.Contains("Partial dependence on tenure", report);
        Assert.Contains("SHAP summary of the 10 inputs that matter most", report);
        Assert.Contains("How this prediction adds up", report);
        Assert.Contains("How the prediction moves with two inputs together", report);
        Assert.Contains("Which inputs act together", report);
        Assert.Contains("<svg", report);
    }

    [Fact]
    public void Explain_WithABackground_IsInterventionalAndStillAddsUp()
    {
        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "explain", "--model", "m.keel", "--data", KeelProcess.Sample("telco_churn.csv"),
            "--rows", "3", "--sample", "50", "--background", "40", "--json");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("interventional, 40 background rows", doc.RootElement.GetProperty("method").GetString());
        var row = doc.RootElement.GetProperty("rows")[0];
        var total = row.GetProperty("baseValue").GetDouble() + row.GetProperty("contributions").EnumerateArray().Sum(c => c.GetProperty("shap").GetDouble());
        Assert.Equal(row.GetProperty("rawScore").GetDouble(), total, 6);
    }

    [Fact]
    public void Explain_InProbability_AddsUpToTheRowsProbability()
    {
        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "explain", "--model", "m.keel", "--data", KeelProcess.Sample("telco_churn.csv"),
            "--rows", "2", "--sample", "30", "--background", "25", "--probability", "--json");
        var refused = KeelProcess.Run(_work.Path, "explain", "--model", "m.keel", "--data", KeelProcess.Sample("telco_churn.csv"), "--probability");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("probability", doc.RootElement.GetProperty("units").GetString());
        var row = doc.RootElement.GetProperty("rows")[0];
        var total = row.GetProperty("baseValue").GetDouble() + row.GetProperty("contributions").EnumerateArray().Sum(c => c.GetProperty("shap").GetDouble());
        Assert.Contains($"P(Yes) = {total.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}", row.GetProperty("prediction").GetString());
        Assert.Equal(2, refused.Exit);
        Assert.Contains("add --background", refused.Stderr);
    }

    [Theory]
    [InlineData("kernel")]
    [InlineData("permutation")]
    [InlineData("lime")]
    public void Explain_ByKernelShapOrLime_ExplainsTheChosenRows(string method)
    {
        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "explain", "--model", "m.keel", "--data", KeelProcess.Sample("telco_churn.csv"),
            "--rows", "5", "--sample", "50", "--background", "20", "--method", method, "--out", $"{method}.html", "--json");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(method, doc.RootElement.GetProperty("method").GetString());
        if (method is "kernel" or "permutation")
        {
            var row = doc.RootElement.GetProperty("rows")[0];
            var total = row.GetProperty("baseValue").GetDouble() + row.GetProperty("contributions").EnumerateArray().Sum(c => c.GetProperty("shap").GetDouble());
            Assert.Equal(row.GetProperty("rawScore").GetDouble(), total, 6);
        }
        else
        {
            var lime = doc.RootElement.GetProperty("lime")[0];
            Assert.Equal(5, lime.GetProperty("row").GetInt32());
            Assert.Equal(19, lime.GetProperty("terms").GetArrayLength());
            var report = File.ReadAllText(Path.Combine(_work.Path, "lime.html"));
            Assert.Contains("Row 5: a local surrogate (LIME)", report);
            Assert.Contains("Near this row, a simple linear model imitates the model", report);
        }
    }

    [Fact]
    public void Explain_ARowThatDoesNotExist_IsRefusedWithTheRange()
    {
        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "explain", "--model", "m.keel", "--data", KeelProcess.Sample("telco_churn.csv"), "--rows", "0,99999", "--out", "why.html");

        Assert.Equal(2, exit);
        Assert.Contains("row 99999 does not exist; the data has 7,043 rows", stderr);
        Assert.False(File.Exists(Path.Combine(_work.Path, "why.html")));
    }
}

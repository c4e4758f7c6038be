using System.Text.Json;

namespace Keel.Cli.Tests;

/// <summary><c>keel fairness</c> on a bundle the CLI trained and on scored data from any model: JSON, report, clear errors.</summary>
public sealed class FairnessTests(TrainedChurnModel trained) : IClassFixture<TrainedChurnModel>
{
    private readonly WorkFolder _work = trained.Work;

    /// <summary>Fairlearn's documented example (common_fairness_metrics.rst) as a scored file.</summary>
    private string FairlearnScored()
    {
        int[] yTrue = [0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1];
        int[] yPred = [0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0];
        string[] groups = ["b", "b", "a", "b", "b", "c", "c", "c", "a", "a", "c", "a", "b", "c", "c", "b", "c", "c"];
        var lines = Enumerable.Range(0, 18).Select(i => $"{yTrue[i]},{yPred[i]},{groups[i]}").Prepend("y,y_hat,group");
        return _work.File("fairlearn.csv", string.Join('\n', lines));
    }

    [Fact]
    public void Fairness_Model_PrintsTheAuditAsJson_AndWritesTheReport()
    {
        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "fairness", "--model", "m.keel", "--data", KeelProcess.Sample("telco_churn.csv"),
            "--sensitive", "gender,SeniorCitizen", "--bootstrap", "50", "--out", "fairness.html", "--json");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("Yes", root.GetProperty("positiveClass").GetString());
        Assert.Equal("Churn", root.GetProperty("label").GetString());
        var analyses = root.GetProperty("analyses").EnumerateArray().ToArray();
        Assert.Equal(["gender", "SeniorCitizen", "gender × SeniorCitizen"], analyses.Select(a => a.GetProperty("name").GetString()));
        var gender = analyses[0];
        var rates = gender.GetProperty("frame").GetProperty("byGroup").EnumerateArray()
            .Select(g => g.GetProperty("metrics").GetProperty("selection_rate").GetProperty("value").GetDouble()).ToArray();
        Assert.Equal(2, rates.Length);
        var dpd = gender.GetProperty("demographicParityDifference");
        Assert.Equal(rates.Max() - rates.Min(), dpd.GetProperty("value").GetDouble(), 12);
        Assert.True(dpd.GetProperty("lower").GetDouble() <= dpd.GetProperty("upper").GetDouble());
        Assert.Contains(root.GetProperty("summary").EnumerateArray(), s => s.GetString()!.StartsWith("By gender, the model predicts 'Yes' for", StringComparison.Ordinal));
        Assert.Equal(2, gender.GetProperty("pretrainingBias").GetArrayLength());
        var report = File.ReadAllText(Path.Combine(_work.Path, "fairness.html"));
        Assert.Contains("In short", report);
        Assert.Contains("By gender &#215; SeniorCitizen (intersectional)", report);
        Assert.Contains("Disparate impact", report);
        Assert.Contains("SageMaker Clarify", report);
        Assert.Contains("<svg", report);
    }

    [Fact]
    public void Fairness_ScoredData_GivesFairlearnsDocumentedMeasures()
    {
        var scored = FairlearnScored();

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "fairness", "--data", scored, "--label", "y", "--prediction", "y_hat", "--sensitive", "group", "--bootstrap", "0", "--json");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var measures = doc.RootElement.GetProperty("analyses")[0].GetProperty("measures").EnumerateArray()
            .Where(m => m.GetProperty("methodName").GetString() == "between_groups")
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetProperty("value").GetDouble());
        Assert.Equal(0.25, measures["demographic_parity_difference"], 12);
        Assert.Equal(2.0 / 3, measures["demographic_parity_ratio"], 12);
        Assert.Equal(1.0, measures["equalized_odds_difference"], 12);
        Assert.Equal(0.0, measures["equalized_odds_ratio"], 12);
        Assert.Equal("1", doc.RootElement.GetProperty("positiveClass").GetString());
    }

    [Fact]
    public void Fairness_UnknownSensitiveColumn_ExitsTwoListingTheColumns()
    {
        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "fairness", "--data", FairlearnScored(), "--label", "y", "--prediction", "y_hat", "--sensitive", "sex");

        Assert.Equal(2, exit);
        Assert.Contains("The sensitive column 'sex' does not exist. The columns are: y, y_hat, group.", stderr);
    }

    [Fact]
    public void Fairness_NonBinaryPrediction_ExitsTwoNamingTheValues()
    {
        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "fairness", "--data", FairlearnScored(), "--label", "y", "--prediction", "group", "--sensitive", "y_hat");

        Assert.Equal(2, exit);
        Assert.Contains("The prediction column 'group' is not binary: it has 3 values (a, b, c)", stderr);
    }

    [Fact]
    public void Fairness_NeitherModelNorPredictions_ExitsTwoSayingWhatToGive()
    {
        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "fairness", "--data", FairlearnScored(), "--sensitive", "group");

        Assert.Equal(2, exit);
        Assert.Contains("keel fairness needs --model m.keel, or scored data: --label COLUMN --prediction COLUMN", stderr);
    }

    [Fact]
    public void Fairness_ModelWithScoredColumns_ExitsTwo_AndWritesNoFile()
    {
        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "fairness", "--model", "m.keel", "--data", FairlearnScored(), "--prediction", "y_hat", "--sensitive", "group", "--out", "never.html");

        Assert.Equal(2, exit);
        Assert.Contains("--prediction and --score audit scored data without a model", stderr);
        Assert.False(File.Exists(Path.Combine(_work.Path, "never.html")));
    }
}

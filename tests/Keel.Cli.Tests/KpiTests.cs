using System.IO.Compression;
using System.Text.Json;

namespace Keel.Cli.Tests;

/// <summary>A business KPI through the real CLI: <c>keel train --kpi</c> on the Telco sample, then evaluate and monitor with the bundle's KPI.</summary>
public sealed class KpiTests : IDisposable
{
    private const string Kpi = """
        name: retention value
        unit: EUR
        description: A churner we contact and keep saves 500; the offer costs 50.
        true_positive: 450
        false_positive: -50
        false_negative: -500
        true_negative: 0
        """;

    private readonly WorkFolder _work = new();

    public void Dispose() => _work.Dispose();

    private string Store => $"sqlite:{Path.Combine(_work.Path, "store", "keel.db")}";

    private static JsonElement Part(string bundle, string part)
    {
        using var zip = ZipFile.OpenRead(bundle);
        using var stream = zip.GetEntry(part)!.Open();
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    [Fact]
    public void Train_WithKpi_ChoosesTheThresholdAndReportsTheValue_ThenEvaluateAndMonitorUseIt()
    {
        var kpi = _work.File("kpi.yaml", Kpi);
        var data = KeelProcess.Sample("telco_churn.csv");

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "train", "--data", data, "--label", "Churn", "--id", "customerID", "--trainers", "linear",
            "--folds", "2", "--threads", "1", "--kpi", kpi, "--out", "churn.keel", "--store", Store, "--json");

        Assert.True(exit == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        var threshold = root.GetProperty("threshold").GetDouble();
        Assert.NotEqual(0.5, threshold);
        var bundle = Path.Combine(_work.Path, "churn.keel");
        var decision = Part(bundle, "decision.json");
        Assert.Equal(threshold, decision.GetProperty("threshold").GetDouble());
        Assert.Equal("retention value", decision.GetProperty("value").GetProperty("name").GetString());
        Assert.Contains("2-fold cross-validation", decision.GetProperty("validation").GetString());
        Assert.True(decision.GetProperty("chosen").GetProperty("perDecision").GetDouble() >= decision.GetProperty("atDefault").GetProperty("perDecision").GetDouble());
        Assert.Equal(threshold, Part(bundle, "model.json").GetProperty("threshold").GetDouble());
        Assert.Equal(450, Part(bundle, "recipe.json").GetProperty("value").GetProperty("truePositive").GetDouble());
        var heldOut = root.GetProperty("kpi");
        Assert.Equal(1409, heldOut.GetProperty("rows").GetInt32());
        Assert.Equal(threshold, heldOut.GetProperty("atThreshold").GetProperty("threshold").GetDouble());
        var report = File.ReadAllText(Path.Combine(_work.Path, "churn.report.html"));
        Assert.Contains("Business value: retention value", report);
        Assert.Contains("more than acting on no one", report);
        Assert.Contains("retention value per decision", report); // the value curve's title

        var (evalExit, evalOut, evalErr) = KeelProcess.Run(_work.Path, "evaluate", "--model", "churn.keel", "--data", data, "--bootstrap", "0", "--json");

        Assert.True(evalExit == 0, evalErr);
        var evaluated = JsonDocument.Parse(evalOut).RootElement.GetProperty("kpi");
        Assert.Equal(7043, evaluated.GetProperty("rows").GetInt32());
        var at = evaluated.GetProperty("atThreshold").GetProperty("confusion");
        var total = 450 * at.GetProperty("truePositives").GetDouble() - 50 * at.GetProperty("falsePositives").GetDouble() - 500 * at.GetProperty("falseNegatives").GetDouble();
        Assert.Equal(total, evaluated.GetProperty("atThreshold").GetProperty("total").GetDouble(), 6);

        var (monitorExit, monitorOut, monitorErr) = KeelProcess.Run(_work.Path, "monitor", "--model", "churn.keel", "--current", data, "--window", "2000", "--json");

        Assert.True(monitorExit == 0, monitorErr);
        var monitored = JsonDocument.Parse(monitorOut).RootElement;
        Assert.Equal("retention value", monitored.GetProperty("kpi").GetProperty("name").GetString());
        foreach (var kind in new[] { "realized", "estimated" })
        {
            var windows = monitored.GetProperty(kind).EnumerateArray().ToArray();
            Assert.Equal(4, windows.Length); // 2,000 + 2,000 + 2,000 + 1,043 rows
            Assert.All(windows, w => Assert.True(w.GetProperty("metrics").TryGetProperty("value_per_decision", out _), kind));
        }
        Assert.Contains(monitored.GetProperty("summary").EnumerateArray(), s => s.GetString()!.StartsWith("The retention value per decision, realized against the labels", StringComparison.Ordinal));
    }

    [Fact]
    public void Train_WithABrokenKpiFile_IsRefusedBeforeTrainingWithTheLine()
    {
        var kpi = _work.File("kpi.yaml", "name: churn\ntrue_positive: 450\nfalse_positive: fifty\nfalse_negative: -500\ntrue_negative: 0\n");

        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "train", "--data", KeelProcess.Sample("telco_churn.csv"), "--label", "Churn",
            "--trainers", "linear", "--kpi", kpi, "--out", "churn.keel", "--store", Store);

        Assert.Equal(2, exit);
        Assert.Contains("line 3, column 17: false_positive must be a finite number", stderr);
        Assert.False(File.Exists(Path.Combine(_work.Path, "churn.keel")));
    }
}

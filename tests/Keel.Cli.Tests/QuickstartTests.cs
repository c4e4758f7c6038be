using System.Text.Json;

namespace Keel.Cli.Tests;

/// <summary>The main job end to end, then the bundle it wrote used by predict, evaluate and inspect.</summary>
public sealed class QuickstartTests : IDisposable
{
    private readonly WorkFolder _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Quickstart_TrainsAChurnModelAboveTheBar_AndItsBundleServesTheOtherCommands()
    {
        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "quickstart", "--out", "qs", "--json");

        Assert.True(exit == 0, stderr);
        using var result = JsonDocument.Parse(stdout);
        var metrics = result.RootElement.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
        Assert.True(metrics["roc_auc"] >= 0.84, $"held-out ROC AUC {metrics["roc_auc"]}");
        Assert.Equal(4, result.RootElement.GetProperty("candidates").GetArrayLength());
        var bundle = Path.Combine(_work.Path, "qs", "model.keel");
        var report = File.ReadAllText(Path.Combine(_work.Path, "qs", "report.html"));
        Assert.Contains("Of 100 customers the model flags as likely to leave, about", report);
        Assert.Contains("<svg", report);
        Assert.DoesNotContain("http://", report.Replace("http://www.w3.org", ""));
        Assert.DoesNotContain("https://", report);

        var predict = KeelProcess.Run(_work.Path, "predict", "--model", bundle, "--data", KeelProcess.Sample("telco_churn.csv"), "--out", "p.csv");
        Assert.Equal(0, predict.Exit);
        var lines = File.ReadAllLines(Path.Combine(_work.Path, "p.csv"));
        Assert.Equal(7_044, lines.Length);
        Assert.EndsWith("predicted_Churn,probability_No,probability_Yes,model_version", lines[0]);
        Assert.EndsWith("churn@1", lines[1]);

        var evaluate = KeelProcess.Run(_work.Path, "evaluate", "--model", bundle, "--data", KeelProcess.Sample("telco_churn.csv"), "--json", "--bootstrap", "0");
        Assert.Equal(0, evaluate.Exit);
        Assert.Contains("\"roc_auc\"", evaluate.Stdout);

        var profile = KeelProcess.Run(_work.Path, "profile", "--data", KeelProcess.Sample("telco_churn.csv"), "--out", "reference.json");
        Assert.Equal(0, profile.Exit);
        var again = KeelProcess.Run(_work.Path, "profile", "--data", "p.csv", "--reference", "reference.json", "--json");
        Assert.Equal(0, again.Exit);
        using (var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(_work.Path, "reference.json"))))
        using (var current = JsonDocument.Parse(again.Stdout))
        {
            static string Edges(JsonDocument d) => d.RootElement.GetProperty("columns").EnumerateArray()
                .First(c => c.GetProperty("name").GetString() == "tenure").GetProperty("numeric").GetProperty("binEdges").GetRawText();
            Assert.Equal(Edges(reference), Edges(current));
        }

        var inspect = KeelProcess.Run(_work.Path, "inspect", "--model", bundle, "--json");
        Assert.Equal(0, inspect.Exit);
        using var manifest = JsonDocument.Parse(inspect.Stdout);
        Assert.Equal("Churn", manifest.RootElement.GetProperty("manifest").GetProperty("label").GetString());
        Assert.True(manifest.RootElement.GetProperty("onnx").GetBoolean());
        var inputs = manifest.RootElement.GetProperty("manifest").GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToArray();
        Assert.DoesNotContain("customerID", inputs);
        Assert.DoesNotContain("gender", inputs);
    }
}

using System.Text.Json;

namespace Keel.Cli.Tests;

/// <summary>keel demo --fast through the real CLI: the living model's whole story, checked from its summary and report.</summary>
public sealed class DemoTests : IDisposable
{
    private readonly WorkFolder _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void DemoFast_DetectsDrift_RetrainsAndPromotes_WithoutAFailedRequest_AndTheKpiRecovers()
    {
        // An earlier demo in the folder (a store, its models, a report) is replaced: the README's first command runs twice.
        Directory.CreateDirectory(Path.Combine(_work.Path, "demo", "models"));
        File.WriteAllText(Path.Combine(_work.Path, "demo", "keel.db"), "");
        File.WriteAllText(Path.Combine(_work.Path, "demo", "models", "bank-99.keel"), "");
        File.WriteAllText(Path.Combine(_work.Path, "demo", "demo-report.html"), "earlier");

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "demo", "--fast", "--out", "demo");

        Assert.True(exit == 0, stderr + stdout);
        var folder = Path.Combine(_work.Path, "demo");
        Assert.Contains($"Replacing the earlier demo in {folder}", stdout + stderr);
        Assert.False(File.Exists(Path.Combine(folder, "models", "bank-99.keel")));
        Assert.Contains(Path.Combine(folder, "demo-report.html"), stdout);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "demo-summary.json")));
        var root = summary.RootElement;
        Assert.True(root.GetProperty("fast").GetBoolean());
        var requests = root.GetProperty("requests");
        Assert.True(requests.GetProperty("total").GetInt64() > 100);
        Assert.Equal(0, requests.GetProperty("failed").GetInt64());
        Assert.Equal(requests.GetProperty("total").GetInt64(), requests.GetProperty("by_status").GetProperty("200").GetInt64());

        var detection = root.GetProperty("detection");
        Assert.Equal(JsonValueKind.Object, detection.GetProperty("data_drift").ValueKind);
        Assert.Equal(JsonValueKind.Object, detection.GetProperty("performance_drop").ValueKind);
        Assert.True(detection.GetProperty("alerted_windows").GetInt32() > 0);

        var retrainings = root.GetProperty("retrainings").EnumerateArray().ToList();
        Assert.NotEmpty(retrainings);
        var promoted = retrainings.Single(r => r.GetProperty("promoted").GetBoolean());
        Assert.Equal("bank@1", promoted.GetProperty("parent").GetString());
        Assert.True(promoted.GetProperty("gain_lower").GetDouble() > 0);
        Assert.All(retrainings.Where(r => !r.GetProperty("promoted").GetBoolean()), r => Assert.False(string.IsNullOrEmpty(r.GetProperty("why").GetString())));
        Assert.Equal(promoted.GetProperty("version").GetInt32(), root.GetProperty("promotion").GetProperty("version").GetInt32());

        // Each model calls from the threshold its training chose for the KPI, so the KPI, not accuracy, says whether it recovered.
        var kpi = root.GetProperty("kpi");
        Assert.True(kpi.GetProperty("profit_per_1000_after").GetDouble() > kpi.GetProperty("profit_per_1000_before").GetDouble(), kpi.GetRawText());
        Assert.True(kpi.GetProperty("profit_per_1000_after").GetDouble() > kpi.GetProperty("old_champion_profit_per_1000_after").GetDouble(), kpi.GetRawText());
        Assert.NotEqual(kpi.GetProperty("threshold_before").GetDouble(), kpi.GetProperty("threshold_after").GetDouble());
        Assert.True(root.GetProperty("accuracy").GetProperty("after_calls").GetInt32() > 0);
        var ranking = root.GetProperty("ranking_accuracy");
        Assert.True(ranking.GetProperty("after").GetDouble() > ranking.GetProperty("old_champion_after").GetDouble(), ranking.GetRawText());
        Assert.True(ranking.GetProperty("after").GetDouble() > ranking.GetProperty("before").GetDouble(), ranking.GetRawText());
        Assert.True(root.GetProperty("audit").GetProperty("intact").GetBoolean());
        Assert.True(root.GetProperty("shadow").GetProperty("rows_logged_by_server").GetInt64() > 0);
        Assert.True(promoted.GetProperty("shadow_calls").GetInt32() > 0);
        Assert.Equal("shadow", promoted.GetProperty("server_rollout").GetProperty("mode").GetString());
        Assert.Equal(promoted.GetProperty("version").GetInt32(), promoted.GetProperty("server_rollout").GetProperty("shadow_version").GetInt32());

        var report = File.ReadAllText(Path.Combine(folder, "demo-report.html"));
        Assert.Contains("the customers called changed", report);
        Assert.Contains("was retrained with the champion&#39;s recipe", report.Replace("'", "&#39;"));
        Assert.Contains("passed the promotion gate", report);
        Assert.Contains("Performance before and after", report);
        Assert.Contains("The audit chain verifies", report);
        Assert.Contains("Mean |SHAP| per input", report);
        Assert.Contains("<svg", report);
        Assert.DoesNotContain("https://", report);
    }

    [Fact]
    public void Demo_IntoAFolderWithAStoreAndOtherFiles_IsRefused_AndNothingIsDeleted()
    {
        Directory.CreateDirectory(Path.Combine(_work.Path, "old"));
        File.WriteAllText(Path.Combine(_work.Path, "old", "keel.db"), "");
        File.WriteAllText(Path.Combine(_work.Path, "old", "notes.txt"), "mine");

        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "demo", "--fast", "--out", "old");

        Assert.Equal(2, exit);
        Assert.Contains("already holds a demo's store (keel.db) and also notes.txt; nothing was deleted", stderr);
        Assert.True(File.Exists(Path.Combine(_work.Path, "old", "keel.db")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(_work.Path, "old", "notes.txt")));
    }
}

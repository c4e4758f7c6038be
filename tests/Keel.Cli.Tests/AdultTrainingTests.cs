using System.Text.Json;

namespace Keel.Cli.Tests;

/// <summary>UCI Adult as shipped (no header, ", " separated, "?" missing), trained with every default.</summary>
public sealed class AdultTrainingTests : IDisposable
{
    private readonly WorkFolder _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Train_AdultWithDefaults_ReachesTheBarAndReportsEveryCandidate()
    {
        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "train", "--data", KeelProcess.Sample("adult.data"), "--label", "last", "--json");

        Assert.True(exit == 0, stderr);
        using var result = JsonDocument.Parse(stdout);
        var auc = result.RootElement.GetProperty("metrics").EnumerateArray().First(m => m.GetProperty("name").GetString() == "roc_auc").GetProperty("value").GetDouble();
        Assert.True(auc >= 0.925, $"held-out ROC AUC {auc}");
        var candidates = result.RootElement.GetProperty("candidates").EnumerateArray().ToArray();
        Assert.Equal(["LightGbm", "FastTree", "FastForest", "Linear"], candidates.Select(c => c.GetProperty("trainer").GetString()));
        Assert.All(candidates, c => Assert.Equal(5, c.GetProperty("foldScores").GetArrayLength()));
        Assert.Contains("FastTree fold 5/5", stderr);
        Assert.True(File.Exists(Path.Combine(_work.Path, "model.keel")));
        Assert.True(File.Exists(Path.Combine(_work.Path, "model.report.html")));
    }
}

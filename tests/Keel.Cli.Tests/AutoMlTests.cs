using System.Text.Json;

namespace Keel.Cli.Tests;

/// <summary><c>keel automl</c> as a user runs it: a bundle, a report, a tracking run, and a model the other commands use.</summary>
public sealed class AutoMlTests : IDisposable
{
    private readonly WorkFolder _work = new();

    public void Dispose() => _work.Dispose();

    /// <summary>The first 500 rows of the Telco sample, so that every trial takes a moment.</summary>
    private string Data()
    {
        var lines = File.ReadLines(KeelProcess.Sample("telco_churn.csv")).Take(501);
        return _work.File("churn.csv", string.Join('\n', lines) + "\n");
    }

    [Fact]
    public void AutoMl_WritesTheChosenEnsembleWithItsLeaderboard_AndItPredictsLikeAnyModel()
    {
        var data = Data();
        var store = $"sqlite:{Path.Combine(_work.Path, "store.db")}";

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "automl", "--data", data, "--label", "Churn", "--trainers", "linear,lightgbm",
            "--trials-per-trainer", "2", "--folds", "3", "--threads", "1", "--time-budget", "5m", "--out", "churn.keel", "--store", store, "--json");

        Assert.True(exit == 0, stderr);
        using var result = JsonDocument.Parse(stdout);
        var root = result.RootElement;
        var board = root.GetProperty("leaderboard").EnumerateArray().ToList();
        Assert.Equal(4, board.Count(e => e.GetProperty("kind").GetString() == "model"));
        Assert.Contains(board, e => e.GetProperty("trainer").GetString() == "stacking");
        var chosen = board.Single(e => e.GetProperty("chosen").GetBoolean());
        Assert.Equal(board.Max(e => e.GetProperty("outOfFold").GetDouble()), chosen.GetProperty("outOfFold").GetDouble());
        var trainers = root.GetProperty("trainers").EnumerateArray().ToList();
        Assert.Equal(["linear", "lightgbm"], trainers.Select(t => t.GetProperty("trainer").GetString()));
        Assert.All(trainers, t => Assert.Equal(2, t.GetProperty("trials").GetInt32()));
        Assert.All(trainers, t => Assert.True(t.GetProperty("bestCv").GetDouble() >= t.GetProperty("defaultCv").GetDouble()));
        Assert.Contains("lightgbm   trial 1:", stderr + stdout);
        Assert.True(File.Exists(Path.Combine(_work.Path, "churn.keel")));
        Assert.True(File.Exists(Path.Combine(_work.Path, "churn-report.html")));

        var (listed, runs, _) = KeelProcess.Run(_work.Path, "runs", "list", "--experiment", "churn", "--store", store, "--json");
        Assert.Equal(0, listed);
        Assert.Contains("automl", runs);

        var (predicted, _, predictError) = KeelProcess.Run(_work.Path, "predict", "--model", "churn.keel", "--data", data, "--out", "p.csv");
        Assert.True(predicted == 0, predictError);
        Assert.Equal(501, File.ReadLines(Path.Combine(_work.Path, "p.csv")).Count());
        var (inspected, inspect, _) = KeelProcess.Run(_work.Path, "inspect", "--model", "churn.keel", "--json");
        Assert.Equal(0, inspected);
        Assert.Contains("AutoMl", inspect);
    }

    [Fact]
    public void AutoMl_WithBadOptions_NamesEveryProblem_AndWritesNothing()
    {
        var data = Data();

        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "automl", "--data", data, "--label", "Churn", "--ensemble", "bagging", "--trainers", "lightgbm,xgboost", "--out", "m.keel");

        Assert.Equal(2, exit);
        Assert.Contains("--ensemble must be one of auto, none, voting, selection, stacking", stderr);
        Assert.Contains("'xgboost' is not one of", stderr);
        Assert.False(File.Exists(Path.Combine(_work.Path, "m.keel")));
    }
}

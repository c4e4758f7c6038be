using System.Globalization;
using System.Text;
using System.Text.Json;
using Keel.Store;

namespace Keel.Cli.Tests;

/// <summary><c>keel lifecycle</c> as a user runs it: a policy, a cycle on drifted data, a held promotion and its approval.</summary>
public sealed class LifecycleTests : IDisposable
{
    private readonly WorkFolder _work = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _work.Dispose();
    }

    private string StorePath => Path.Combine(_work.Path, "keel.db");

    private string Store => $"sqlite:{StorePath}";

    /// <summary>Rows where "yes" means x1 + x2/2 is high, or, after the drift, that x1 (shifted by 1.5) is low.</summary>
    private string Period(string name, int rows, int seed, bool drifted)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var csv = new StringBuilder("x1,x2,c,y\n");
        for (var i = 0; i < rows; i++)
        {
            var x1 = Normal() + (drifted ? 1.5 : 0);
            var x2 = Normal();
            var score = drifted ? 1.5 - x1 + 0.5 * x2 : x1 + 0.5 * x2;
            csv.Append(CultureInfo.InvariantCulture, $"{x1:0.0000},{x2:0.0000},{"abc"[random.Next(3)]},{(score + 0.3 * Normal() > 0 ? "yes" : "no")}\n");
        }
        return _work.File(name, csv.ToString());
    }

    private (int Exit, string Stdout, string Stderr) Keel(params string[] args) => KeelProcess.Run(_work.Path, [.. args, "--store", Store]);

    private void Champion()
    {
        var (trained, _, trainErr) = Keel("train", "--data", Period("period1.csv", 800, 1, false), "--label", "y", "--trainers", "lightgbm",
            "--folds", "2", "--threads", "1", "--seed", "3", "--out", "churn.keel");
        Assert.True(trained == 0, trainErr);
        Assert.Equal(0, Keel("models", "register", "--model", "churn.keel").Exit);
        Assert.Equal(0, Keel("models", "alias", "churn", "champion", "1").Exit);
    }

    private const string Policy = """
        triggers:
          drift: { max_drift_share: 0.3 }
        data:
          window: sliding
          recent_rows: 600
        limits:
          min_new_labelled_rows: 100
        challenger:
          metric: accuracy
          margin: 0.02
          evaluation_rows: 300
          resamples: 200
          approval: human
        """;

    [Fact]
    public void PolicySet_ABadFile_IsRefusedWithLineAndColumn_Exit2()
    {
        var file = _work.File("retrain.yaml", "triggers:\n  schedule: weekly\nlimits:\n  max_retrains_per_day: -1\n");

        var (exit, _, stderr) = Keel("lifecycle", "policy", "set", "--model", "churn", "--file", file);

        Assert.Equal(2, exit);
        Assert.Contains("retrain.yaml is not a valid retraining policy: line 2, column 13: triggers.schedule is a duration such as 30m, 12h, 7d or 2w, not 'weekly'.", stderr);
        Assert.Contains("line 4, column 25: limits.max_retrains_per_day must be a whole number of at least 1, not '-1'.", stderr);
    }

    [Fact]
    public void Run_OnDriftedData_HoldsTheWinnerForApproval_ATrainerIsRefused_ADeployerApproves()
    {
        Champion();
        Assert.Equal(0, Keel("lifecycle", "policy", "set", "--model", "churn", "--file", _work.File("retrain.yaml", Policy)).Exit);
        var recent = Period("recent.csv", 1000, 2, true);

        var (exit, stdout, stderr) = Keel("lifecycle", "run", "--model", "churn", "--data", recent, "--now", "2030-01-01T00:00:00Z", "--json");

        Assert.True(exit == 0, stderr);
        var cycle = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("awaitingApproval", cycle.GetProperty("action").GetString());
        Assert.Equal(2, cycle.GetProperty("challengerVersion").GetInt32());
        Assert.True(cycle.GetProperty("comparison").GetProperty("improvement").GetProperty("value").GetDouble() >= 0.02);
        Assert.Contains("Trigger drift: fired.", stderr);

        string key;
        using (var admin = KeelStore.Open(Store, new Actor("ci", Role.Admin))) key = admin.CreateApiKey("tina", Role.Trainer).Secret;
        using (var process = KeelProcess.Start(_work.Path, new Dictionary<string, string> { ["KEEL_API_KEY"] = key },
                   "lifecycle", "approve", "--model", "churn", "--version", "2", "--store", Store))
        {
            var refusal = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(4, process.ExitCode);
            Assert.Contains("that needs the deployer role", refusal);
        }

        var (approved, _, approveErr) = Keel("lifecycle", "approve", "--model", "churn", "--version", "2", "--note", "looks right");
        Assert.True(approved == 0, approveErr);
        var (status, statusOut, _) = Keel("lifecycle", "status", "--model", "churn", "--json");
        Assert.Equal(0, status);
        var root = JsonDocument.Parse(statusOut).RootElement;
        Assert.Equal(2, root.GetProperty("aliases").GetProperty("champion").GetInt32());
        Assert.Equal(0, root.GetProperty("pending").GetArrayLength());
        Assert.Equal("AwaitingApproval", root.GetProperty("cycles")[0].GetProperty("action").GetString());
    }

    [Fact]
    public void Run_WithoutAChampion_SaysWhatToDo_Exit2()
    {
        Assert.Equal(0, Keel("train", "--data", Period("period1.csv", 300, 1, false), "--label", "y", "--trainers", "linear", "--folds", "2", "--threads", "1", "--out", "churn.keel").Exit);
        Assert.Equal(0, Keel("models", "register", "--model", "churn.keel").Exit);
        Assert.Equal(0, Keel("lifecycle", "policy", "set", "--model", "churn", "--file", _work.File("retrain.yaml", Policy)).Exit);

        var (exit, _, stderr) = Keel("lifecycle", "run", "--model", "churn", "--data", Period("recent.csv", 500, 2, true));

        Assert.Equal(2, exit);
        Assert.Contains("Model 'churn' has no champion", stderr);
    }
}

using System.Diagnostics;
using System.Text.Json;
using Keel.Store;
using Npgsql;

namespace Keel.Cli.Tests;

/// <summary>
/// <c>keel tune</c> as a user runs it: a study in the store that survives a killed process, and workers that share
/// one study. The PostgreSQL worker test runs where <c>KEEL_TEST_POSTGRES</c> names a server (CI sets it).
/// </summary>
public sealed class TuneTests : IDisposable
{
    private readonly WorkFolder _work = new();

    public void Dispose() => _work.Dispose();

    /// <summary>The first 400 rows of the Telco sample, so that a trial takes a fraction of a second.</summary>
    private string Data()
    {
        var lines = File.ReadLines(KeelProcess.Sample("telco_churn.csv")).Take(401);
        return _work.File("churn.csv", string.Join('\n', lines) + "\n");
    }

    private string Store => $"sqlite:{Path.Combine(_work.Path, "store", "keel.db")}";

    private static string[] Tune(string data, string store, string study, int trials, string output, params string[] more) =>
        ["tune", "--data", data, "--label", "Churn", "--trainer", "lightgbm", "--folds", "3", "--threads", "1", "--trials", trials.ToString(System.Globalization.CultureInfo.InvariantCulture),
         "--study", study, "--store", store, "--out", output, "--json", .. more];

    private static IReadOnlyList<TrialRecord> Trials(string store, string study)
    {
        using var s = KeelStore.Open(store);
        return s.ListTrials(s.GetStudy(study).Id);
    }

    [Fact]
    public void Tune_WritesTheBestModelAsABundle_AndReportsItsHeldOutScore()
    {
        var data = Data();

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, Tune(data, Store, "churn", 4, "best.keel"));

        Assert.True(exit == 0, stderr);
        using var result = JsonDocument.Parse(stdout);
        var root = result.RootElement;
        Assert.Equal("churn", root.GetProperty("study").GetString());
        Assert.Equal("LightGbm", root.GetProperty("trainer").GetString());
        Assert.Equal(4, root.GetProperty("trials").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(_work.Path, "best.keel")));
        Assert.Contains(root.GetProperty("heldOut").EnumerateArray(), m => m.GetProperty("name").GetString() == "roc_auc");
        Assert.Contains("trial 3:", stderr + stdout);
        var (inspect, inspected, _) = KeelProcess.Run(_work.Path, "inspect", "--model", "best.keel", "--json");
        Assert.Equal(0, inspect);
        Assert.Contains("LightGbm", inspected);
    }

    [Fact]
    public void Tune_WritesItsReportBesideTheBundle_AndLogsARunWithTheBundleAndReport()
    {
        var data = Data();

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, Tune(data, Store, "tracked", 4, "churn.keel", "--pruner", "none"));

        Assert.True(exit == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        var report = Path.Combine(_work.Path, "churn-report.html");
        Assert.Equal(report, root.GetProperty("report").GetString());
        var html = File.ReadAllText(report);
        Assert.Contains("Keel tried 4 settings of lightgbm, scoring each by 3-fold cross-validation", html);
        Assert.Contains("with its default settings", html);
        Assert.Contains("Optimization history", html);
        Assert.Contains("Which settings mattered", html);
        Assert.Contains("<td>trial 0</td>", html);
        Assert.Contains($"and {report}", stderr + stdout);
        Assert.Equal(7, root.GetProperty("importance").GetArrayLength());

        var runId = root.GetProperty("run").GetString()!;
        var (listed, runs, listErr) = KeelProcess.Run(_work.Path, "runs", "list", "--experiment", "churn", "--store", Store, "--json");
        Assert.True(listed == 0, listErr);
        var run = Assert.Single(JsonDocument.Parse(runs).RootElement.EnumerateArray());
        Assert.Equal(runId, run.GetProperty("id").GetString());
        Assert.Equal("tune lightgbm", run.GetProperty("name").GetString());
        using var s = KeelStore.Open(Store);
        var parameters = s.GetParams(runId);
        Assert.Equal(("tracked", "lightgbm", "tpe", "none", "3"), (parameters["study"], parameters["trainer"], parameters["sampler"], parameters["pruner"], parameters["folds"]));
        Assert.Contains("best.learning_rate", parameters.Keys);
        var metrics = s.GetLatestMetrics(runId);
        Assert.Equal(root.GetProperty("best").GetProperty("value").GetDouble(), metrics["cv_roc_auc_best"], 12);
        Assert.Contains("roc_auc", metrics.Keys);
        Assert.Contains("roc_auc.ci_lower", metrics.Keys);
        Assert.Contains("defaults.roc_auc", metrics.Keys);
        Assert.Equal(File.ReadAllBytes(report), s.GetArtifact(runId, "report.html"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_work.Path, "churn.keel")), s.GetArtifact(runId, "model.keel"));
    }

    [Fact]
    public void Tune_WithTwoWorkersInOneProcess_FinishesTheStudyWithDistinctTrials()
    {
        var data = Data();
        const int trials = 6;

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, Tune(data, Store, "threads", trials, "w.keel", "--workers", "2", "--report", "w.html"));

        Assert.True(exit == 0, stderr);
        Assert.Contains("2 workers with 1 trainer thread each", stderr + stdout);
        Assert.True(File.Exists(Path.Combine(_work.Path, "w.html")));
        Assert.Equal(trials, JsonDocument.Parse(stdout).RootElement.GetProperty("finishedByThisWorker").GetInt32());
        var all = Trials(Store, "threads");
        Assert.Equal(Enumerable.Range(0, trials), all.Select(t => t.Number));
        Assert.All(all, t => Assert.Contains(t.State, new[] { TrialState.Complete, TrialState.Pruned }));
        Assert.Equal(trials, all.Select(t => t.Params).Distinct().Count());
        Assert.All(all, t => Assert.Matches("#[12]$", t.Worker));
    }

    [Fact]
    public void Tune_KilledMidStudy_ResumesWithoutLosingOrDuplicatingAFinishedTrial()
    {
        var data = Data();
        using (var first = KeelProcess.Start(_work.Path, Tune(data, Store, "resume", 200, "a.keel")))
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromMinutes(3) && !(File.Exists(Path.Combine(_work.Path, "store", "keel.db")) && Finished(Store) >= 3)) Thread.Sleep(100);
            first.Kill(); // SIGKILL: no chance to clean up
            first.WaitForExit();
        }
        var beforeResume = Trials(Store, "resume");
        var finishedBefore = beforeResume.Where(t => t.State is TrialState.Complete or TrialState.Pruned).ToList();
        Assert.True(finishedBefore.Count >= 3, $"only {finishedBefore.Count} trials finished before the kill");

        var target = beforeResume.Count + 3;
        var (exit, _, stderr) = KeelProcess.Run(_work.Path, Tune(data, Store, "resume", target, "b.keel"));
        var after = Trials(Store, "resume");

        Assert.True(exit == 0, stderr);
        Assert.Equal(Enumerable.Range(0, target), after.Select(t => t.Number));
        foreach (var t in finishedBefore)
            Assert.Equal((t.State, t.Value, t.Params), after.Single(a => a.Number == t.Number) is var a ? (a.State, a.Value, a.Params) : default);
        Assert.All(after.Skip(beforeResume.Count), t => Assert.Contains(t.State, new[] { TrialState.Complete, TrialState.Pruned }));
    }

    private static int Finished(string store)
    {
        try
        {
            using var s = KeelStore.Open(store);
            return s.ListTrials(s.GetStudy("resume").Id).Count(t => t.State is TrialState.Complete or TrialState.Pruned);
        }
        catch (KeelStoreException)
        {
            return 0; // the study is not created yet
        }
    }

    [Fact]
    public void TwoWorkers_OnOneSqliteStudy_FinishItWithNoDuplicatedTrial() =>
        TwoWorkers(Store, new Dictionary<string, string>());

    [PostgresFact]
    public void TwoWorkers_OnOnePostgresStudy_FinishItWithNoDuplicatedTrial()
    {
        var server = Environment.GetEnvironmentVariable("KEEL_TEST_POSTGRES")
            ?? throw new InvalidOperationException("CI=true but KEEL_TEST_POSTGRES is not set: .ci/run must start PostgreSQL and export it.");
        var baseString = StoreUri.Parse(server).ConnectionString;
        var schema = "keel_tune_" + Guid.NewGuid().ToString("N")[..10];
        Raw(baseString, $"CREATE SCHEMA {schema}");
        try
        {
            var scoped = new NpgsqlConnectionStringBuilder(baseString) { SearchPath = schema }.ConnectionString;
            string key;
            using (var admin = KeelStore.Open(scoped, new Actor("ci", Role.Admin))) key = admin.CreateApiKey("tuner", Role.Trainer).Secret;
            TwoWorkers(scoped, new Dictionary<string, string> { ["KEEL_API_KEY"] = key });
        }
        finally
        {
            Raw(baseString, $"DROP SCHEMA {schema} CASCADE");
        }
    }

    private void TwoWorkers(string store, IReadOnlyDictionary<string, string> environment)
    {
        var data = Data();
        const int trials = 8;

        var workers = new[] { "w1.keel", "w2.keel" }.Select(o => KeelProcess.Start(_work.Path, environment, Tune(data, store, "shared", trials, o))).ToList();
        var outputs = workers.Select(w => (Out: w.StandardOutput.ReadToEndAsync(), Err: w.StandardError.ReadToEndAsync())).ToList();
        foreach (var w in workers)
            if (!w.WaitForExit(TimeSpan.FromMinutes(4))) w.Kill();

        Assert.All(workers.Zip(outputs), p => Assert.True(p.First.ExitCode == 0, p.Second.Err.Result));
        using var s = KeelStore.Open(store, new Actor("reader", Role.Viewer));
        var all = s.ListTrials(s.GetStudy("shared").Id);
        Assert.Equal(Enumerable.Range(0, trials), all.Select(t => t.Number));
        Assert.Equal(trials, all.Select(t => t.Id).Distinct().Count());
        Assert.All(all, t => Assert.Contains(t.State, new[] { TrialState.Complete, TrialState.Pruned }));
        var finishedByEach = outputs.Select(o => JsonDocument.Parse(o.Out.Result).RootElement.GetProperty("finishedByThisWorker").GetInt32()).ToList();
        Assert.Equal(trials, finishedByEach.Sum());
        workers.ForEach(w => w.Dispose());
    }

    private static void Raw(string connectionString, string sql)
    {
        using var c = new NpgsqlConnection(connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}

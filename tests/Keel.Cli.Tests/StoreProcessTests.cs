using System.Diagnostics;
using System.Text.Json;

namespace Keel.Cli.Tests;

/// <summary>The store under real processes: several at once, and some killed in the middle of their writes.</summary>
public sealed class StoreProcessTests : IDisposable
{
    private readonly WorkFolder _work = new();

    public StoreProcessTests()
    {
        var rows = string.Join("\n", Enumerable.Range(0, 300).Select(i => $"{i % 17},{(i * 7) % 5},{(i % 17 + (i * 7) % 5 > 10 ? "yes" : "no")}"));
        _work.File("d.csv", "a,b,y\n" + rows + "\n");
        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "train", "--data", "d.csv", "--label", "y", "--trainers", "linear", "--folds", "2", "--out", "m.keel");
        Assert.True(exit == 0, stderr);
    }

    public void Dispose() => _work.Dispose();

    private int[] Versions()
    {
        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "models", "show", "churn", "--json");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToArray();
    }

    [Fact]
    public void EightProcessesTrainingAndRegisteringAtOnce_LoseNothing_AndTheAuditHolds()
    {
        var trainers = Enumerable.Range(0, 4).Select(i => KeelProcess.Start(_work.Path, "train", "--data", "d.csv", "--label", "y", "--trainers", "linear", "--folds", "2", "--out", $"t{i}.keel", "--name", "churn-train")).ToArray();
        var registrars = Enumerable.Range(0, 4).Select(_ => KeelProcess.Start(_work.Path, "models", "register", "--model", "m.keel", "--name", "churn")).ToArray();
        var processes = trainers.Concat(registrars).ToArray();
        var errors = processes.Select(p => p.StandardError.ReadToEndAsync()).ToArray();
        foreach (var p in processes) p.WaitForExit();

        Assert.All(processes.Zip(errors), t => Assert.True(t.First.ExitCode == 0, t.Second.Result));
        Assert.Equal(Enumerable.Range(1, 4), Versions());
        var (exit, stdout, _) = KeelProcess.Run(_work.Path, "runs", "list", "--experiment", "churn-train", "--json");
        Assert.Equal(0, exit);
        using var runs = JsonDocument.Parse(stdout);
        var all = runs.RootElement.EnumerateArray().ToArray();
        Assert.Equal(8, all.Length); // 4 trainings, each with one candidate as a child run
        foreach (var parent in all.Where(r => !r.TryGetProperty("parentRunId", out _)))
        {
            var show = KeelProcess.Run(_work.Path, "runs", "show", parent.GetProperty("id").GetString()!, "--json");
            using var doc = JsonDocument.Parse(show.Stdout);
            Assert.True(doc.RootElement.GetProperty("metrics").GetProperty("roc_auc").GetDouble() > 0.5);
        }
        Assert.Equal(0, KeelProcess.Run(_work.Path, "audit", "verify").Exit);
    }

    [Fact]
    public void ProcessesKilledMidWrite_LeaveAStoreThatOpensVerifiesAndKeepsEveryConfirmedWrite()
    {
        var processes = Enumerable.Range(0, 8).Select(_ => KeelProcess.Start(_work.Path, "models", "register", "--model", "m.keel", "--name", "churn")).ToArray();
        var outputs = processes.Select(p => p.StandardOutput.ReadToEndAsync()).ToArray();
        var killer = new Random(7);
        foreach (var p in processes.Where((_, i) => i % 3 == 0))
        {
            Thread.Sleep(killer.Next(100, 700));
            try { p.Kill(); } catch (InvalidOperationException) { } // SIGKILL; it may have finished already
        }
        foreach (var p in processes) p.WaitForExit();

        var confirmed = processes.Zip(outputs).Where(t => t.First.ExitCode == 0)
            .Select(t => int.Parse(System.Text.RegularExpressions.Regex.Match(t.Second.Result, @"as churn version (\d+)").Groups[1].Value)).ToArray();
        var versions = Versions();
        Assert.All(confirmed, v => Assert.Contains(v, versions));
        Assert.Equal(Enumerable.Range(1, versions.Length), versions);
        var verify = KeelProcess.Run(_work.Path, "audit", "verify", "--json");
        Assert.True(verify.Exit == 0, verify.Stdout + verify.Stderr);
    }

    [Fact]
    public void AuditRowEditedInTheSqliteFile_IsNamedByAuditVerify()
    {
        Assert.Equal(0, KeelProcess.Run(_work.Path, "models", "register", "--model", "m.keel", "--name", "churn").Exit);
        Assert.Equal(0, KeelProcess.Run(_work.Path, "models", "alias", "churn", "champion", "1").Exit);
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_work.Path, ".keel", "keel.db")};Pooling=false"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE audit_log SET details = '{\"version\":2}' WHERE action = 'alias.set'";
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }

        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "audit", "verify");

        Assert.Equal(2, exit);
        Assert.Contains("entry 3 (alias.set churn@champion) was edited", stderr);
    }
}

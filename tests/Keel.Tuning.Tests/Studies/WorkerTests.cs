using Keel.Store;
using Keel.Tuning.Samplers;
using Keel.Tuning.Studies;
using Microsoft.Data.Sqlite;

namespace Keel.Tuning.Tests.Studies;

/// <summary>Several workers of one <see cref="Study.Optimize"/> call sharing a study in a SQLite store, each on its own thread.</summary>
public sealed class WorkerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("keel-workers-").FullName;

    private string StoreUri => $"sqlite:{Path.Combine(_folder, "keel.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static double SlowQuadratic(Trial t)
    {
        var x = t.SuggestFloat("x", -10, 10);
        for (var step = 1; step <= 3; step++)
        {
            Thread.Sleep(5);
            t.Report(step, x * x);
        }
        return x * x;
    }

    [Fact]
    public void FourWorkers_OnAStoreStudy_RunEachTrialOnce_AndStopAtTheStudysSize()
    {
        using var store = KeelStore.Open(StoreUri);
        var study = Study.Open("shared", new StoreStudyStorage(store), StudyDirection.Minimize, new TpeSampler());
        var reported = new List<int>();

        var result = study.Optimize(SlowQuadratic, new OptimizeOptions { Trials = 24, Workers = 4, Worker = "box" },
            new Progress(p => reported.Add(p.FinishedByThisCall)));

        var trials = store.ListTrials(study.Id);
        Assert.Equal(24, result.FinishedTrials);
        Assert.Equal(Enumerable.Range(0, 24), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(24, trials.Select(t => t.Params).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 24), reported);
        Assert.All(trials, t => Assert.Matches("^box#[1-4]$", t.Worker));
        Assert.True(trials.Select(t => t.Worker).Distinct().Count() >= 2, "the trials all ran on one worker");
    }

    [Fact]
    public void ASearchSpaceMistakeInOneWorker_StopsTheOthers_AndIsRethrown()
    {
        var study = Study.Open("broken", new InMemoryStudyStorage(), StudyDirection.Minimize, new RandomSampler(1));

        var e = Assert.Throws<KeelTuningException>(() => study.Optimize(t =>
        {
            var x = SlowQuadratic(t);
            return t.Number == 3 ? t.SuggestFloat("x", 0, 1) : x; // another range for "x": a mistake of the search space
        }, new OptimizeOptions { Trials = 1000, Workers = 3 }));

        Assert.Contains("'x'", e.Message);
        Assert.True(study.Trials.Count < 50, $"{study.Trials.Count} trials ran after the mistake");
        Assert.DoesNotContain(study.Trials, t => t.State == TrialState.Running);
    }

    [Fact]
    public void Workers_OutOfRange_AreRefusedWithTheOption()
    {
        var study = Study.Open("bad", new InMemoryStudyStorage(), StudyDirection.Minimize);

        var e = Assert.Throws<KeelTuningException>(() => study.Optimize(SlowQuadratic, new OptimizeOptions { Trials = 2, Workers = 0 }));

        Assert.Contains("--workers", e.Message);
    }

    private sealed class Progress(Action<TrialProgress> report) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress value) => report(value);
    }
}

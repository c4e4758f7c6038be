using Keel.Data;
using Keel.Store;
using Keel.Tuning.Distributions;
using Keel.Tuning.Pruners;
using Keel.Tuning.Samplers;
using Keel.Tuning.Studies;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Keel.Tuning.Tests.Studies;

public sealed class StudyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("keel-tuning-").FullName;

    private string StoreUri => $"sqlite:{Path.Combine(_folder, "keel.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static double Quadratic(Trial t) => Math.Pow(t.SuggestFloat("x", -10, 10) - 2, 2);

    /// <summary>Records what the sampler was shown, and draws at random.</summary>
    private sealed class RecordingSampler : ISampler
    {
        private readonly RandomSampler _inner = new(1);

        public List<(int Trial, int Seen)> Calls { get; } = [];

        public string Describe() => "recording";

        public double Sample(SamplingContext context, string name, ParameterDistribution distribution)
        {
            Calls.Add((context.TrialNumber, context.History.Count));
            return _inner.Sample(context, name, distribution);
        }
    }

    [Fact]
    public void Optimize_ResumedInAnotherProcess_ContinuesTheNumbering_AndTheSamplerSeesEveryFinishedTrial()
    {
        IReadOnlyList<FrozenTrial> first;
        using (var store = KeelStore.Open(StoreUri))
        {
            var study = Study.Open("resume", new StoreStudyStorage(store), StudyDirection.Minimize, new TpeSampler());
            study.Optimize(Quadratic, new OptimizeOptions { Trials = 5 });
            first = study.Trials;
        }
        var sampler = new RecordingSampler();
        using var reopened = KeelStore.Open(StoreUri);
        var again = Study.Open("resume", new StoreStudyStorage(reopened), StudyDirection.Minimize, sampler);

        var result = again.Optimize(Quadratic, new OptimizeOptions { Trials = 8 });

        Assert.Equal(3, result.FinishedTrials);
        Assert.Equal(Enumerable.Range(0, 8), again.Trials.Select(t => t.Number));
        Assert.Equal(first.Select(t => (t.Number, t.Value)), again.Trials.Take(5).Select(t => (t.Number, t.Value)));
        Assert.Equal([(5, 5), (6, 6), (7, 7)], sampler.Calls);
        Assert.All(again.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void ConditionalParameters_AppearOnlyInTheTrialsThatTookTheirBranch()
    {
        var study = Study.Open("conditional", new InMemoryStudyStorage(), StudyDirection.Minimize, new RandomSampler(3));

        study.Optimize(t =>
        {
            var kind = t.SuggestCategorical("kind", ["square", "abs"]);
            var x = t.SuggestFloat("x", -10, 10);
            return kind == "square" ? x * x : Math.Abs(x) + t.SuggestFloat("offset", 0, 1);
        }, new OptimizeOptions { Trials = 30 });

        Assert.All(study.Trials, t => Assert.Equal((string)t.Params["kind"].External == "abs", t.Params.ContainsKey("offset")));
        Assert.Contains(study.Trials, t => t.Params.ContainsKey("offset"));
        Assert.Contains(study.Trials, t => !t.Params.ContainsKey("offset"));
    }

    [Fact]
    public void AParameterWhoseDistributionChanges_IsRefusedWithItsName_AndTheTrialFails()
    {
        var study = Study.Open("changing", new InMemoryStudyStorage(), StudyDirection.Minimize, new RandomSampler(1));
        study.Optimize(t => t.SuggestFloat("lr", 0.01, 0.3, log: true), new OptimizeOptions { Trials = 2 });

        var e = Assert.Throws<KeelTuningException>(() => study.Optimize(t => t.SuggestFloat("lr", 0.01, 0.5, log: true), new OptimizeOptions { Trials = 3 }));

        Assert.Contains("Parameter 'lr'", e.Message);
        Assert.Contains("study 'changing'", e.Message);
        Assert.Equal(TrialState.Failed, study.Trials[2].State);
    }

    [Fact]
    public void SuggestingAParameterTwice_GivesTheSameValue_UnlessTheDistributionDiffers()
    {
        var study = Study.Open("twice", new InMemoryStudyStorage(), StudyDirection.Minimize, new RandomSampler(1));

        study.Optimize(t =>
        {
            Assert.Equal(t.SuggestInt("n", 1, 10), t.SuggestInt("n", 1, 10));
            Assert.Throws<KeelTuningException>(() => t.SuggestInt("n", 1, 11));
            return 0;
        }, new OptimizeOptions { Trials = 1 });

        Assert.Equal(TrialState.Complete, Assert.Single(study.Trials).State);
    }

    [Fact]
    public void AFailingObjective_FailsItsTrialWithTheError_AndTheStudyGoesOn()
    {
        var study = Study.Open("failing", new InMemoryStudyStorage(), StudyDirection.Minimize, new RandomSampler(1));
        var errors = new List<string?>();

        study.Optimize(t => t.Number == 1 ? throw new KeelDataException("fold 2 had one class") : t.Number == 2 ? double.NaN : Quadratic(t),
            new OptimizeOptions { Trials = 4 }, new Progress(p => errors.Add(p.Error)));

        Assert.Equal([TrialState.Complete, TrialState.Failed, TrialState.Failed, TrialState.Complete], study.Trials.Select(t => t.State));
        Assert.Equal("fold 2 had one class", study.Trials[1].UserAttributes["error"]);
        Assert.Equal([null, "fold 2 had one class", "the objective returned NaN", null], errors);
    }

    [Fact]
    public void APrunedTrial_IsStoredAsPruned_WithItsLastValue()
    {
        var study = Study.Open("pruned", new InMemoryStudyStorage(), StudyDirection.Minimize, new RandomSampler(1), new MedianPruner(startupTrials: 1));

        study.Optimize(t =>
        {
            var bad = t.Number == 1 ? 100.0 : 1.0;
            for (var step = 1; step <= 3; step++)
            {
                t.Report(step, bad + step);
                if (t.ShouldPrune()) t.Prune();
            }
            return bad;
        }, new OptimizeOptions { Trials = 2 });

        Assert.Equal((TrialState.Pruned, 101.0), (study.Trials[1].State, study.Trials[1].Value));
        Assert.Equal(new Dictionary<int, double> { [1] = 101 }, study.Trials[1].Intermediate);
    }

    [Fact]
    public void EnqueuedParameters_AreRunFirst()
    {
        var study = Study.Open("enqueued", new InMemoryStudyStorage(), StudyDirection.Minimize, new RandomSampler(1));
        study.Enqueue(new Dictionary<string, ParameterValue> { ["x"] = new(new FloatDistribution(-10, 10), 2.0) });

        study.Optimize(Quadratic, new OptimizeOptions { Trials = 3 });

        Assert.Equal((0, 0.0), (study.BestTrial!.Number, study.BestTrial.Value));
    }

    [Fact]
    public void TheTimeBudget_StartsNoTrialAfterItRanOut()
    {
        var clock = new FakeTimeProvider();
        var study = Study.Open("timed", new InMemoryStudyStorage(clock), StudyDirection.Minimize, new RandomSampler(1));

        var result = study.Optimize(t =>
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            return Quadratic(t);
        }, new OptimizeOptions { TimeBudget = TimeSpan.FromMinutes(3) }, clock: clock);

        Assert.Equal(3, result.FinishedTrials);
    }

    [Fact]
    public void Cancellation_IsHonouredWithinASecond_AndTheRunningTrialIsStoredAsFailed()
    {
        var study = Study.Open("cancelled", new InMemoryStudyStorage(), StudyDirection.Minimize, new RandomSampler(1));
        using var cts = new CancellationTokenSource();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() => study.Optimize(t =>
        {
            if (t.Number == 2)
            {
                cts.CancelAfter(100);
                Task.Delay(TimeSpan.FromMinutes(1), t.CancellationToken).Wait(t.CancellationToken);
            }
            return Quadratic(t);
        }, new OptimizeOptions { Trials = 10 }, cancellationToken: cts.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.5), $"took {watch.Elapsed}");
        Assert.Equal([TrialState.Complete, TrialState.Complete, TrialState.Failed], study.Trials.Select(t => t.State));
        Assert.Equal("cancelled", study.Trials[2].UserAttributes["error"]);
    }

    [Fact]
    public void TwoWorkersOnOneStoredStudy_FinishItWithoutADuplicatedTrial()
    {
        using (var store = KeelStore.Open(StoreUri)) Study.Open("shared", new StoreStudyStorage(store), StudyDirection.Minimize);

        var workers = Enumerable.Range(0, 2).Select(w => new Thread(() =>
        {
            using var store = KeelStore.Open(StoreUri);
            var study = Study.Open("shared", new StoreStudyStorage(store), StudyDirection.Minimize, new TpeSampler());
            study.Optimize(t => { Thread.Sleep(5); return Quadratic(t); }, new OptimizeOptions { Trials = 24, Worker = $"w{w}" });
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        using var reader = KeelStore.Open(StoreUri);
        var trials = reader.ListTrials(reader.GetStudy("shared").Id);
        Assert.Equal(Enumerable.Range(0, 24), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.Equal(2, trials.Select(t => t.Worker).Distinct().Count());
    }

    private sealed class Progress(Action<TrialProgress> report) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress value) => report(value);
    }
}

using System.Collections.Concurrent;

namespace Keel.Store.Tests;

/// <summary>Hyper-parameter studies: the trial queue, claims, intermediate values and stale trials, on every backend.</summary>
public class StudyContractTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void GetOrCreateStudy_ReturnsTheSameStudy_AndRefusesAnotherDirection(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();

        var first = store.GetOrCreateStudy("churn-lgbm", "maximize", "{\"sampler\":\"tpe\"}");
        var again = store.GetOrCreateStudy("churn-lgbm", "maximize", "{}");

        Assert.Equal(first, again);
        Assert.Equal("{\"sampler\":\"tpe\"}", store.GetStudy("churn-lgbm").Settings);
        Assert.True(Assert.Throws<KeelStoreException>(() => store.GetOrCreateStudy("churn-lgbm", "minimize", "{}")).Conflict);
        Assert.Contains("churn-lgbm", Assert.Throws<KeelStoreException>(() => store.GetStudy("fraud")).Message);
        Assert.Throws<KeelStoreException>(() => store.GetOrCreateStudy("x", "upwards", "{}"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void ClaimTrial_TakesWaitingTrialsFirst_ThenNumbersNewOnes_UpToTheCap(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();
        var study = store.GetOrCreateStudy("s", "minimize", "{}");

        var queued = store.EnqueueTrial(study.Id, "{\"x\":1}");
        var a = store.ClaimTrial(study.Id, "w1", maxTrials: 3)!;
        var b = store.ClaimTrial(study.Id, "w2", maxTrials: 3)!;
        var c = store.ClaimTrial(study.Id, "w1", maxTrials: 3)!;
        var none = store.ClaimTrial(study.Id, "w1", maxTrials: 3);

        Assert.Equal((0, TrialState.Waiting), (queued.Number, queued.State));
        Assert.Equal((0, TrialState.Running, "{\"x\":1}", "w1"), (a.Number, a.State, a.Params, a.Worker));
        Assert.Equal((1, TrialState.Running, "w2"), (b.Number, b.State, b.Worker));
        Assert.Equal(2, c.Number);
        Assert.Null(none);
        Assert.NotNull(b.StartedAt);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void FinishTrial_RecordsValueParamsAndIntermediateValues_AndRefusesASecondFinish(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();
        var study = store.GetOrCreateStudy("s", "maximize", "{}");
        var trial = store.ClaimTrial(study.Id, "w")!;

        store.ReportIntermediate(trial.Id, 1, 0.71);
        store.ReportIntermediate(trial.Id, 2, 0.74);
        store.ReportIntermediate(trial.Id, 2, 0.75);
        var done = store.FinishTrial(trial.Id, TrialState.Complete, 0.8, "{\"lr\":0.1}", "{\"note\":\"ok\"}");
        var listed = Assert.Single(store.ListTrials(study.Id));

        Assert.Equal((TrialState.Complete, 0.8, "{\"lr\":0.1}", "{\"note\":\"ok\"}"), (listed.State, listed.Value, listed.Params, listed.UserAttributes));
        Assert.Equal(new Dictionary<int, double> { [1] = 0.71, [2] = 0.75 }, listed.Intermediate);
        Assert.NotNull(done.FinishedAt);
        Assert.True(Assert.Throws<KeelStoreException>(() => store.FinishTrial(trial.Id, TrialState.Failed, null, "{}", "{}")).Conflict);
        Assert.True(Assert.Throws<KeelStoreException>(() => store.ReportIntermediate(trial.Id, 3, 0.9)).Conflict);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void FinishTrial_RefusesACompleteTrialWithoutAFiniteValue(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();
        var study = store.GetOrCreateStudy("s", "maximize", "{}");
        var trial = store.ClaimTrial(study.Id, "w")!;

        Assert.Throws<KeelStoreException>(() => store.FinishTrial(trial.Id, TrialState.Complete, null, "{}", "{}"));
        Assert.Throws<KeelStoreException>(() => store.FinishTrial(trial.Id, TrialState.Complete, double.NaN, "{}", "{}"));
        Assert.Throws<KeelStoreException>(() => store.FinishTrial(trial.Id, TrialState.Running, 1, "{}", "{}"));
        Assert.Equal(TrialState.Pruned, store.FinishTrial(trial.Id, TrialState.Pruned, 0.5, "{}", "{}").State);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void ReleaseStaleTrials_FailsSilentTrials_AndQueuesTheirParamsAgain(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();
        var study = store.GetOrCreateStudy("s", "maximize", "{}");
        store.EnqueueTrial(study.Id, "{\"x\":3}");
        var silent = store.ClaimTrial(study.Id, "crashed")!;
        Thread.Sleep(30);

        var fresh = store.ReleaseStaleTrials(study.Id, TimeSpan.FromHours(1));
        var released = store.ReleaseStaleTrials(study.Id, TimeSpan.Zero);
        var trials = store.ListTrials(study.Id);
        var retry = store.ClaimTrial(study.Id, "w2")!;

        Assert.Equal((0, 1), (fresh, released));
        Assert.Equal([(0, TrialState.Failed), (1, TrialState.Waiting)], trials.Select(x => (x.Number, x.State)));
        Assert.Equal(silent.Id, trials[0].Id);
        Assert.Equal((1, "{\"x\":3}", "w2"), (retry.Number, retry.Params, retry.Worker));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void TrialWrites_NeedATrainer_AndReadsAViewer(string backend)
    {
        using var t = Backends.Create(backend);
        long id;
        using (var admin = t.Open()) id = admin.GetOrCreateStudy("s", "maximize", "{}").Id;
        using var viewer = t.Open(new Actor("vic", Role.Viewer));
        using var trainer = t.Open(new Actor("tia", Role.Trainer));

        Assert.True(Assert.Throws<KeelStoreException>(() => viewer.ClaimTrial(id, "w")).Forbidden);
        Assert.True(Assert.Throws<KeelStoreException>(() => viewer.GetOrCreateStudy("new", "maximize", "{}")).Forbidden);
        Assert.Equal(0, trainer.ClaimTrial(id, "w")!.Number);
        Assert.Single(viewer.ListTrials(id));
        Assert.Equal("s", viewer.GetOrCreateStudy("s", "maximize", "{}").Name);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void ClaimTrial_ConcurrentWorkers_NeverGetTheSameTrial(string backend)
    {
        using var t = Backends.Create(backend);
        long id;
        using (var admin = t.Open())
        {
            id = admin.GetOrCreateStudy("race", "maximize", "{}").Id;
            for (var i = 0; i < 10; i++) admin.EnqueueTrial(id, $"{{\"i\":{i}}}");
        }
        var claimed = new ConcurrentBag<(string Worker, long Id, int Number)>();

        var workers = Enumerable.Range(0, 4).Select(w => new Thread(() =>
        {
            using var store = t.Open(new Actor($"w{w}", Role.Trainer));
            while (store.ClaimTrial(id, $"w{w}", maxTrials: 60) is { } trial) claimed.Add(($"w{w}", trial.Id, trial.Number));
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        using var reader = t.Open();
        Assert.Equal(60, claimed.Count);
        Assert.Equal(Enumerable.Range(0, 60), claimed.Select(c => c.Number).Order());
        Assert.Equal(60, claimed.Select(c => c.Id).Distinct().Count());
        Assert.All(reader.ListTrials(id), trial => Assert.Equal(TrialState.Running, trial.State));
        Assert.True(claimed.Select(c => c.Worker).Distinct().Count() > 1, "the claims were not spread over workers");
    }
}

using System.Globalization;
using System.Text.Json;
using Keel.Data;
using Keel.Learn.Bundles;
using Keel.Learn.Trainers;
using Keel.Learn.Training;
using Keel.Lifecycle.Retraining;
using Keel.Store;

namespace Keel.Lifecycle.Tests.Retraining;

/// <summary>Retraining cycles against a real SQLite store: a champion trained on one period, recent traffic from a drifted one.</summary>
public sealed class RetrainingCycleTests : IDisposable
{
    internal static readonly Lazy<ModelBundle> Champion = new(() => TrainingJob.Run(DriftingData.Period(1500, 1, drifted: false), new TrainingJobOptions
    {
        Label = "y", Seed = 5, TestFraction = 0.25, BootstrapResamples = 0, Name = "churn", Source = "period1.csv",
        Trainer = new LightGbmTrainer { Iterations = 30 }, Selection = new Keel.Learn.Selection.SelectionOptions { Threads = 1 },
    }).Bundle);

    internal static readonly Table Drifted = DriftingData.Period(1200, 2, drifted: true);

    private readonly string _folder = Directory.CreateTempSubdirectory("keel-lifecycle-").FullName;
    private readonly string _uri;

    public RetrainingCycleTests() => _uri = "sqlite:" + Path.Combine(_folder, "keel.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private IKeelStore Open(Role role = Role.Admin) => KeelStore.Open(_uri, new Actor(role.ToString().ToLowerInvariant(), role));

    internal static ModelVersion Register(IKeelStore store, ModelBundle bundle, bool champion = true)
    {
        using var bytes = new MemoryStream();
        bundle.Write(bytes);
        store.GetOrCreateModel("churn");
        var run = store.StartRun("churn");
        var sha = store.PutArtifact(run.Id, "model.keel", bytes.ToArray());
        var metrics = JsonSerializer.Serialize(bundle.Manifest.Metrics.ToDictionary(m => m.Name, m => m.Value));
        var version = store.CreateVersion("churn", sha, "{}", metrics, "fp", run.Id);
        if (champion) store.SetAlias("churn", "champion", version.Version);
        return version;
    }

    internal static RetrainingPolicy Policy(string approval = "automatic", string triggers = "drift: { max_drift_share: 0.3 }") => RetrainingPolicy.Parse($"""
        triggers:
          {triggers}
        data:
          window: sliding
          recent_rows: 800
        limits:
          min_new_labelled_rows: 100
        challenger:
          metric: accuracy
          margin: 0.02
          evaluation_rows: 400
          resamples: 200
          approval: {approval}
        """);

    internal static TimeProvider After(ModelVersion v, double hours = 1) => new FixedClock(v.CreatedAt.AddHours(hours));

    [Fact]
    public void Run_DriftedTraffic_RetrainsAndPromotesAChallengerThatWins_AndAuditsEveryStep()
    {
        using var store = Open();
        var champion = Register(store, Champion.Value);
        var steps = new List<string>();

        var result = RetrainingCycle.Run(store, "churn", new RetrainingCycleInputs { Policy = Policy(), RecentData = Drifted, RecentDataName = "recent.csv" },
            After(champion), new Progress(steps));

        Assert.Equal(CycleAction.Promoted, result.Action);
        Assert.Equal(["drift"], result.Decision.Fired.Select(t => t.Name));
        Assert.Equal(2, result.ChallengerVersion);
        Assert.Equal(800, result.TrainingRows);
        var comparison = result.Comparison!;
        Assert.Equal(400, comparison.Rows);
        Assert.True(comparison.Champion.Value < 0.6, $"the champion should be poor on the new concept: {comparison.Champion.Value}");
        Assert.True(comparison.Improvement.Value >= 0.02 && comparison.IntervalExcludesZero);
        Assert.StartsWith("Retrained (drift): ", result.Summary);
        Assert.Equal(2, store.GetModel("churn").Aliases["champion"]);
        Assert.Equal("churn@1", store.GetVersion("churn", 2).Parent);
        Assert.Contains(steps, s => s.StartsWith("Trigger drift: fired.", StringComparison.Ordinal));

        var audit = store.ReadAudit().Select(a => $"{a.Action} {a.Target}").ToList();
        var cycle = audit.Skip(audit.IndexOf("alias.set churn@champion") + 1).ToList();
        Assert.Equal(["version.create churn@2", "version.tag churn@2", "alias.set churn@challenger", "version.tag churn@2", "alias.set churn@champion", "model.tag churn"], cycle);
        var record = Assert.Single(LifecycleHistory.Cycles(store, "churn"));
        Assert.Equal("Promoted", record.Action);
        Assert.Equal(comparison.Improvement, record.Comparison!.Improvement);
    }

    [Fact]
    public void Run_HumanApproval_HoldsTheWinner_UntilADeployerApproves_ATrainerMayNot()
    {
        int challenger;
        using (var admin = Open())
        {
            var champion = Register(admin, Champion.Value);
            var result = RetrainingCycle.Run(admin, "churn", new RetrainingCycleInputs { Policy = Policy("human"), RecentData = Drifted }, After(champion));
            Assert.Equal(CycleAction.AwaitingApproval, result.Action);
            challenger = result.ChallengerVersion!.Value;
            Assert.Equal(1, admin.GetModel("churn").Aliases["champion"]);
            Assert.Equal(challenger, Assert.Single(RetrainingApprovals.Pending(admin, "churn")).Version);
            var again = RetrainingCycle.Run(admin, "churn", new RetrainingCycleInputs { Policy = Policy("human"), RecentData = Drifted }, After(champion, 30));
            Assert.Equal(["pending_approval"], again.Decision.Blocking.Select(l => l.Name));
        }
        var clock = new FixedClock(DateTimeOffset.UnixEpoch);
        using (var trainer = Open(Role.Trainer))
        {
            Assert.True(Assert.Throws<KeelStoreException>(() => RetrainingApprovals.Approve(trainer, "churn", challenger, clock)).Forbidden);
            Assert.True(Assert.Throws<KeelStoreException>(() => RetrainingApprovals.Reject(trainer, "churn", challenger, clock)).Forbidden);
        }
        using var deployer = Open(Role.Deployer);

        RetrainingApprovals.Approve(deployer, "churn", challenger, clock, note: "checked the comparison");

        Assert.Equal(challenger, deployer.GetModel("churn").Aliases["champion"]);
        Assert.Empty(RetrainingApprovals.Pending(deployer, "churn"));
        var decision = JsonDocument.Parse(deployer.GetVersionTags("churn", challenger)[LifecycleTags.Decision]).RootElement;
        Assert.Equal("approved", decision.GetProperty("decision").GetString());
        Assert.Equal("deployer", decision.GetProperty("by").GetString());
        Assert.Contains(deployer.ReadAudit(), a => a.Action == "denied" && a.Actor == "trainer");
        Assert.Contains(deployer.ReadAudit(), a => a.Action == "lifecycle.reject_denied" && a.Actor == "trainer" && a.Target == $"churn@{challenger}");
    }

    [Fact]
    public void Reject_LeavesTheChallenger_AndRecordsWhoRejectedIt()
    {
        using var store = Open();
        var champion = Register(store, Champion.Value);
        var result = RetrainingCycle.Run(store, "churn", new RetrainingCycleInputs { Policy = Policy("human"), RecentData = Drifted }, After(champion));

        RetrainingApprovals.Reject(store, "churn", result.ChallengerVersion!.Value, new FixedClock(DateTimeOffset.UnixEpoch), "not this week");

        Assert.Equal(1, store.GetModel("churn").Aliases["champion"]);
        Assert.Equal(result.ChallengerVersion, store.GetModel("churn").Aliases["challenger"]);
        Assert.Empty(RetrainingApprovals.Pending(store, "churn"));
        Assert.Contains("\"rejected\"", store.GetVersionTags("churn", result.ChallengerVersion!.Value)[LifecycleTags.Decision]);
    }

    [Fact]
    public void Run_TrafficLikeTheTrainingData_FiresNothing_TrainsNothing_AndRecordsTheCycle()
    {
        using var store = Open();
        var champion = Register(store, Champion.Value);

        var result = RetrainingCycle.Run(store, "churn", new RetrainingCycleInputs { Policy = Policy(), RecentData = DriftingData.Period(1200, 3, drifted: false) }, After(champion));

        Assert.Equal(CycleAction.NothingFired, result.Action);
        Assert.Null(result.ChallengerVersion);
        Assert.Single(store.ListVersions("churn"));
        Assert.StartsWith("No trigger fired:", Assert.Single(LifecycleHistory.Cycles(store, "churn")).Summary);
    }

    [Fact]
    public void Run_APromotionPolicyThatRefusesTheWinner_KeepsTheChampion()
    {
        using var store = Open();
        var champion = Register(store, Champion.Value);
        store.SetPromotionPolicy("churn", "metrics:\n  roc_auc: { min: 0.999 }\n", ["champion"]);

        var result = RetrainingCycle.Run(store, "churn", new RetrainingCycleInputs { Policy = Policy(), RecentData = Drifted }, After(champion));

        Assert.Equal(CycleAction.GateRefused, result.Action);
        Assert.Contains("the promotion gate refused it", result.Summary);
        Assert.Equal(1, store.GetModel("churn").Aliases["champion"]);
        Assert.Contains(store.ReadAudit(), a => a.Action == "alias.refused");
    }

    [Fact]
    public void Run_WithoutData_ReadsThePredictionLogJoinedWithFeedback()
    {
        using var store = Open();
        var champion = Register(store, Champion.Value);
        var records = new List<PredictionRecord>();
        var feedback = new List<Feedback>();
        var at = champion.CreatedAt.AddMinutes(1);
        for (var start = 0; start < Drifted.RowCount; start += 10)
        {
            var rows = Drifted.Take(Enumerable.Range(start, 10).ToArray());
            var inputs = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["x1"] = Enumerable.Range(0, 10).Select(i => ((NumericColumn)rows["x1"])[i]).ToArray(),
                ["x2"] = Enumerable.Range(0, 10).Select(i => ((NumericColumn)rows["x2"])[i]).ToArray(),
                ["c"] = Enumerable.Range(0, 10).Select(i => ((CategoricalColumn)rows["c"])[i]).ToArray(),
            });
            var id = "r" + start.ToString(CultureInfo.InvariantCulture);
            records.Add(new PredictionRecord("churn", 1, id, at, 1, 10, inputs, "{}"));
            if (start < 1100) feedback.Add(new Feedback("churn", id, JsonSerializer.Serialize(Enumerable.Range(0, 10).Select(i => ((CategoricalColumn)rows["y"])[i])), at));
        }
        store.LogPredictions(records);
        store.LogFeedback(feedback);

        var result = RetrainingCycle.Run(store, "churn", new RetrainingCycleInputs { Policy = Policy() }, After(champion));

        Assert.Equal(CycleAction.Promoted, result.Action);
        Assert.Equal(400, result.Comparison!.Rows);
        Assert.Equal("a sliding window: the 700 labelled rows before the 400 held out", result.Window);
    }

    [Fact]
    public void Run_AMonitoringDriftAlertOnTheChampion_FiresTheDriftTrigger()
    {
        using var store = Open();
        var champion = Register(store, Champion.Value);
        store.SaveMonitoringRun(new MonitoringRun("churn", 1, 1, 100, 100, 1, 0, 1, "{}", champion.CreatedAt),
            [new Alert("churn", 1, "data_drift", null, "2 of 3 columns drifted from the training data.", champion.CreatedAt)]);

        var result = RetrainingCycle.Run(store, "churn", new RetrainingCycleInputs { Policy = Policy(), RecentData = DriftingData.Period(1200, 3, drifted: false) }, After(champion));

        var drift = Assert.Single(result.Decision.Fired);
        Assert.Equal("drift", drift.Name);
        Assert.EndsWith("Monitoring raised a drift alert: 2 of 3 columns drifted from the training data.", drift.Reason);
    }

    [Fact]
    public void Run_FewLabels_JudgesPerformanceByTheCbpeEstimate()
    {
        using var store = Open();
        var champion = Register(store, Champion.Value);
        var labels = (CategoricalColumn)Drifted["y"];
        var fewLabels = new Table([Drifted["x1"], Drifted["x2"], Drifted["c"],
            CategoricalColumn.FromStrings("y", Enumerable.Range(0, Drifted.RowCount).Select(i => i < 50 ? labels[i] : null).ToArray())]);
        var policy = RetrainingPolicy.Parse("triggers:\n  performance: { metric: accuracy, max_drop: 0.05, estimated: true }\n");

        var result = RetrainingCycle.Run(store, "churn", new RetrainingCycleInputs { Policy = policy, RecentData = fewLabels }, After(champion));

        var performance = Assert.Single(result.Decision.Triggers);
        Assert.Contains("on 1,200 recent rows (estimated by CBPE)", performance.Reason);
        Assert.Contains("min_new_labelled_rows", result.Decision.Limits.Where(l => l.Hit).Select(l => l.Name));
        Assert.Single(store.ListVersions("churn"));
    }

    [Fact]
    public void Run_AModelWithoutAChampion_IsRefusedWithWhatToDo()
    {
        using var store = Open();
        Register(store, Champion.Value, champion: false);

        var e = Assert.Throws<KeelDataException>(() => RetrainingCycle.Run(store, "churn", new RetrainingCycleInputs { Policy = Policy(), RecentData = Drifted }, TimeProvider.System));

        Assert.Equal("Model 'churn' has no champion, so there is nothing to retrain against; promote a version first (`keel models promote churn VERSION`).", e.Message);
    }

    [Fact]
    public void Run_AChampionWithoutARecipe_IsRefused()
    {
        using var store = Open();
        Register(store, Champion.Value with { Recipe = null });

        var e = Assert.Throws<KeelDataException>(() => RetrainingCycle.Run(store, "churn", new RetrainingCycleInputs { Policy = Policy(), RecentData = Drifted }, TimeProvider.System));

        Assert.StartsWith("churn@1 has no training recipe", e.Message);
    }

    [Fact]
    public void Run_WithoutAPolicy_SaysHowToSetOne_AndAStoredPolicyIsUsed()
    {
        using var store = Open();
        var champion = Register(store, Champion.Value);
        Assert.Contains("keel lifecycle policy set --model churn", Assert.Throws<KeelDataException>(() =>
            RetrainingCycle.Run(store, "churn", new RetrainingCycleInputs { RecentData = Drifted }, After(champion))).Message);

        RetrainingPolicies.Set(store, "churn", Policy().Text, "retrain.yaml");
        var result = RetrainingCycle.Run(store, "churn", new RetrainingCycleInputs { RecentData = Drifted }, After(champion));

        Assert.Equal(CycleAction.Promoted, result.Action);
        Assert.Contains(store.ReadAudit(), a => a.Action == "model.tag" && a.Details.Contains(LifecycleTags.Policy, StringComparison.Ordinal));
    }

    private sealed class Progress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}

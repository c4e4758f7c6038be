using Keel.Data;
using Keel.Data.Io;
using Keel.Data.Profiling;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Evaluation;
using Keel.Learn.Models;
using Keel.Learn.Trainers;
using Keel.Lifecycle.Promotion;
using Keel.Store;

namespace Keel.Lifecycle.Tests.Promotion;

/// <summary>Promotion through the gate against a real SQLite store and a model trained on Telco churn.</summary>
public sealed class PromoterTests : IDisposable
{
    private static readonly Table Telco = CsvTableReader.Read(Path.Combine(AppContext.BaseDirectory, "samples", "telco_churn.csv"));
    private static readonly Lazy<Model> Churn = new(() =>
    {
        var train = Telco.Take(Enumerable.Range(0, 3000).ToArray()).WithRole("customerID", ColumnRole.Id);
        return new LightGbmTrainer { Iterations = 40 }.Fit(train, Target.Detect(train, "Churn"));
    });

    private readonly string _folder = Directory.CreateTempSubdirectory("keel-promote-").FullName;
    private readonly string _uri;

    public PromoterTests() => _uri = "sqlite:" + Path.Combine(_folder, "keel.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static Table Holdout => Telco.Take(Enumerable.Range(3000, 2000).ToArray());

    private int Register(IKeelStore store)
    {
        var model = Churn.Value;
        var bundle = new ModelBundle
        {
            Manifest = BundleManifest.For(model, "churn", model.Trainer, new TrainingData("telco", "fp", 3000, 3000, 0), DateTimeOffset.UnixEpoch),
            Model = model,
            Profile = DataProfile.Build(Telco.Take(Enumerable.Range(0, 3000).ToArray())),
        };
        using var bytes = new MemoryStream();
        bundle.Write(bytes);
        store.GetOrCreateModel("churn");
        var run = store.StartRun("churn");
        var sha = store.PutArtifact(run.Id, "model.keel", bytes.ToArray());
        var metrics = System.Text.Json.JsonSerializer.Serialize(Evaluator.Evaluate(model, Holdout, resamples: 0).Metrics.ToDictionary(m => m.Name, m => m.Value));
        return store.CreateVersion("churn", sha, "{}", metrics, "fp", run.Id).Version;
    }

    private const string UnfairPolicy = """
        metrics:
          roc_auc: { min: 0.7 }
        fairness:
          SeniorCitizen:
            demographic_parity_difference: { max: 0.05 }
        card:
          required: [owners]
        """;

    [Fact]
    public void Promote_AModelThatBreaksThePolicy_IsRefusedWithEveryReason_AndTheRefusalIsAudited()
    {
        using var store = KeelStore.Open(_uri, new Actor("ada", Role.Admin));
        var version = Register(store);
        store.SetPromotionPolicy("churn", UnfairPolicy, ["champion"]);
        using var deployer = KeelStore.Open(_uri, new Actor("dee", Role.Deployer));

        var e = Assert.Throws<KeelStoreException>(() => Promoter.Promote(deployer, new PromotionRequest("churn", version) { Data = Holdout, DataName = "holdout" }));

        Assert.True(e.GateRefused);
        Assert.Contains("demographic_parity_difference for 'SeniorCitizen' is 0.", e.Message);
        Assert.Contains("The model card has no owners", e.Message);
        Assert.DoesNotContain("roc_auc", e.Message);
        Assert.Empty(deployer.GetModel("churn").Aliases);
        var refused = Assert.Single(deployer.ReadAudit(), a => a.Action == "alias.refused");
        Assert.Equal("dee", refused.Actor);
        Assert.True(deployer.VerifyAudit().Intact);
    }

    [Fact]
    public void Promote_WithAnAdminOverride_MovesTheChampion_AndIsAuditedAsAnOverride()
    {
        using var store = KeelStore.Open(_uri, new Actor("ada", Role.Admin));
        var version = Register(store);
        store.SetPromotionPolicy("churn", UnfairPolicy, ["champion"]);

        var outcome = Promoter.Promote(store, new PromotionRequest("churn", version) { Data = Holdout, OverrideJustification = "Regulator-approved exception #12" });

        Assert.True(outcome.Overridden);
        Assert.Equal(version, store.GetModel("churn").Aliases["champion"]);
        var entry = store.ReadAudit().Last();
        Assert.Equal(("alias.override", "ada"), (entry.Action, entry.Actor));
        Assert.Contains("Regulator-approved exception #12", entry.Details);
        Assert.Contains("SeniorCitizen", entry.Details);
    }

    [Fact]
    public void Promote_AModelThatMeetsThePolicy_MovesTheChampion()
    {
        using var store = KeelStore.Open(_uri, new Actor("ada", Role.Admin));
        var version = Register(store);
        store.SetPromotionPolicy("churn", "metrics:\n  roc_auc: { min: 0.7 }\nfairness:\n  gender:\n    demographic_parity_difference: { max: 0.1 }\ncard:\n  required: [owners]\n", ["champion"]);
        store.SetVersionTag("churn", version, "card.owners", "[{\"Name\":\"Retention analytics\",\"Contact\":null}]");

        var outcome = Promoter.Promote(store, new PromotionRequest("churn", version) { Data = Holdout });

        Assert.True(outcome.Decision!.Passed);
        Assert.False(outcome.Overridden);
        Assert.Equal(version, store.GetModel("churn").Aliases["champion"]);
        Assert.Contains("\"passed\":true", store.ReadAudit().Last().Details);
    }

    [Fact]
    public void Promote_WithoutData_ChecksRegisteredMetrics_AndFailsTheFairnessLimit()
    {
        using var store = KeelStore.Open(_uri, new Actor("ada", Role.Admin));
        var version = Register(store);
        store.SetPromotionPolicy("churn", UnfairPolicy, ["champion"]);

        var outcome = Promoter.Evaluate(store, new PromotionRequest("churn", version));

        Assert.False(outcome.Decision!.Passed);
        Assert.True(outcome.Decision.Checks.Single(c => c.Name == "metric roc_auc").Passed);
        Assert.Contains("no evaluation data was given", outcome.Decision.Checks.Single(c => c.Name.StartsWith("fairness", StringComparison.Ordinal)).Detail);
        Assert.False(outcome.Moved);
        Assert.Empty(store.GetModel("churn").Aliases);
    }

    [Fact]
    public void Promote_DataWithoutTheSensitiveColumn_NamesTheColumnsItHas()
    {
        using var store = KeelStore.Open(_uri, new Actor("ada", Role.Admin));
        var version = Register(store);
        store.SetPromotionPolicy("churn", UnfairPolicy, ["champion"]);
        var data = Holdout.Select(Holdout.Schema.Names.Where(n => n != "SeniorCitizen"));

        var e = Assert.Throws<KeelDataException>(() => Promoter.Evaluate(store, new PromotionRequest("churn", version) { Data = data, DataName = "holdout.csv" }));

        Assert.StartsWith("holdout.csv has no column 'SeniorCitizen', which the policy limits fairness for. Its columns are: customerID, gender,", e.Message);
    }

    [Fact]
    public void Promote_AnUnguardedAlias_MovesWithoutAGate()
    {
        using var store = KeelStore.Open(_uri, new Actor("ada", Role.Admin));
        var version = Register(store);
        store.SetPromotionPolicy("churn", UnfairPolicy, ["champion"]);

        var outcome = Promoter.Promote(store, new PromotionRequest("churn", version, "challenger"));

        Assert.Null(outcome.Decision);
        Assert.Equal(version, store.GetModel("churn").Aliases["challenger"]);
    }
}

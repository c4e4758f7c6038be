namespace Keel.Store.Tests;

/// <summary>One contract, every backend: each test runs on SQLite and on PostgreSQL.</summary>
public class StoreContractTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Open_TwiceOnTheSameStore_MigratesOnceAndKeepsData(string backend)
    {
        using var t = Backends.Create(backend);
        using (var store = t.Open()) store.GetOrCreateExperiment("churn");

        using var again = t.Open();

        Assert.Equal(["churn"], again.ListExperiments().Select(e => e.Name));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Open_StoreWithANewerSchema_IsRefusedAndLeftAlone(string backend)
    {
        using var t = Backends.Create(backend);
        using (t.Open()) { }
        t.Sql("INSERT INTO schema_info (version) VALUES (99)");

        var e = Assert.Throws<KeelStoreException>(() => t.Open());

        Assert.Contains("schema version 99", e.Message);
        Assert.Contains("Upgrade Keel", e.Message);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Tracking_RunsKeepParamsTagsAndMetricHistory(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();

        var parent = store.StartRun("churn", "selection");
        var child = store.StartRun("churn", "LightGbm", parent.Id);
        store.LogBatch(child.Id,
            parameters: new Dictionary<string, string> { ["learning_rate"] = "0.05", ["num_leaves"] = "31" },
            metrics: [new("roc_auc", 0.81, 2, 1000), new("roc_auc", 0.80, 1, 1000), new("log_loss", 0.45)],
            tags: new Dictionary<string, string> { ["trainer"] = "LightGbm" });
        store.LogBatch(child.Id, tags: new Dictionary<string, string> { ["trainer"] = "LightGbm v2" });
        store.EndRun(child.Id);

        var run = store.GetRun(child.Id);
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal(parent.Id, run.ParentRunId);
        Assert.NotNull(run.EndTime);
        Assert.Equal("0.05", store.GetParams(child.Id)["learning_rate"]);
        Assert.Equal("LightGbm v2", store.GetTags(child.Id)["trainer"]);
        Assert.Equal([0.80, 0.81], store.GetMetricHistory(child.Id, "roc_auc").Select(m => m.Value));
        Assert.Equal([1L, 2L], store.GetMetricHistory(child.Id, "roc_auc").Select(m => m.Step));
        Assert.Equal(new[] { parent.Id, child.Id }.Order(), store.ListRuns("churn").Select(r => r.Id).Order());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void LogBatch_ChangingAParam_IsRefusedAndTheWholeBatchIsLeftOut(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();
        var run = store.StartRun("churn");
        store.LogBatch(run.Id, parameters: new Dictionary<string, string> { ["seed"] = "42" });

        var e = Assert.Throws<KeelStoreException>(() => store.LogBatch(run.Id,
            parameters: new Dictionary<string, string> { ["seed"] = "7" }, metrics: [new("auc", 0.9)]));

        Assert.Contains("params cannot change", e.Message);
        Assert.Empty(store.GetMetricHistory(run.Id, "auc"));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void UnknownNames_AreRefusedWithWhatExists(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();
        store.CreateModel("churn");

        Assert.Contains("There is no run 'nope'", Assert.Throws<KeelStoreException>(() => store.GetRun("nope")).Message);
        Assert.Contains("The models are: churn", Assert.Throws<KeelStoreException>(() => store.GetModel("fraud")).Message);
        Assert.Contains("already exists", Assert.Throws<KeelStoreException>(() => store.CreateModel("churn")).Message);
        Assert.Contains("not a valid model name", Assert.Throws<KeelStoreException>(() => store.CreateModel(" padded ")).Message);
        Assert.Contains("no version 3", Assert.Throws<KeelStoreException>(() => store.GetVersion("churn", 3)).Message);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Artifacts_AreContentAddressedAndAChangedContentIsRefused(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();
        var run = store.StartRun("churn");
        var bytes = "model bytes"u8.ToArray();

        var sha = store.PutArtifact(run.Id, "model.keel", bytes);
        store.PutArtifact(run.Id, "copy.keel", bytes);

        Assert.Equal(bytes, store.GetArtifact(run.Id, "model.keel"));
        Assert.Equal(64, sha.Length);
        if (t.Folder is { } folder) File.WriteAllText(Path.Combine(folder, "artifacts", sha[..2], sha), "tampered");
        else t.Sql($"UPDATE artifact_contents SET content = decode('00ff', 'hex') WHERE sha256 = '{sha}'");
        var e = Assert.Throws<KeelStoreException>(() => store.GetArtifact(run.Id, "copy.keel"));
        Assert.Contains("has changed since it was stored", e.Message);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Registry_VersionsAliasesAndLineage(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();
        var run = store.StartRun("churn");
        store.CreateModel("churn", "Who will leave");

        var v1 = store.CreateVersion("churn", new string('a', 64), "{}", "{\"roc_auc\":0.85}", "fp1", run.Id);
        var v2 = store.CreateVersion("churn", new string('b', 64), "{}", "{\"roc_auc\":0.86}", "fp2", parent: "churn@1");
        var v3 = store.CreateVersion("churn", new string('c', 64), "{}", "{}", "fp3", parent: "churn@2");
        store.SetAlias("churn", "champion", 1);
        store.SetAlias("churn", "champion", 2);
        store.SetAlias("churn", "challenger", 3);

        Assert.Equal([1, 2, 3], new[] { v1.Version, v2.Version, v3.Version });
        Assert.Equal(2, store.Resolve("churn", "champion").Version);
        Assert.Equal(3, store.Resolve("churn", "3").Version);
        Assert.Equal(new Dictionary<string, int> { ["challenger"] = 3, ["champion"] = 2 }, store.GetModel("churn").Aliases);
        Assert.Contains("Its aliases are: challenger (v3), champion (v2)", Assert.Throws<KeelStoreException>(() => store.Resolve("churn", "prod")).Message);
        Assert.Contains("not a valid alias", Assert.Throws<KeelStoreException>(() => store.SetAlias("churn", "7", 1)).Message);
        var lineage = store.GetLineage("churn", 3);
        Assert.Equal(["churn@2", "churn@1"], lineage.Ancestors.Select(a => $"{a.Model}@{a.Version}"));
        Assert.Equal(run.Id, store.GetLineage("churn", 1).Run!.Id);
        store.SetModelTag("churn", "team", "retention");
        store.SetModelTag("churn", "tmp", "x");
        store.SetModelTag("churn", "tmp", null);
        store.SetModelDescription("churn", "Who will leave next month");
        Assert.Equal(new Dictionary<string, string> { ["team"] = "retention" }, store.GetModel("churn").Tags);
        Assert.Equal("Who will leave next month", store.GetModel("churn").Description);
        store.DeleteAlias("churn", "challenger");
        Assert.Equal(["champion"], store.GetModel("churn").Aliases.Keys);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Audit_EveryRegistryChangeIsChained_AndVerifyHolds(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open(new Actor("ana", Role.Deployer));
        store.CreateModel("churn");
        store.CreateVersion("churn", new string('a', 64), "{}", "{}", "fp");
        store.SetAlias("churn", "champion", 1);

        var audit = store.ReadAudit();

        Assert.Equal(["model.create", "version.create", "alias.set"], audit.Select(a => a.Action));
        Assert.Equal(["churn", "churn@1", "churn@champion"], audit.Select(a => a.Target));
        Assert.All(audit, a => Assert.Equal("ana", a.Actor));
        Assert.Equal(audit[0].Hash, audit[1].PreviousHash);
        Assert.Equal(new AuditVerification(true, 3, null, null), store.VerifyAudit());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Audit_AnEditedRow_IsNamedByVerify(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();
        store.CreateModel("churn");
        store.CreateVersion("churn", new string('a', 64), "{}", "{}", "fp");
        store.SetAlias("churn", "champion", 1);

        t.Sql("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");

        var result = store.VerifyAudit();
        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Contains("entry 2 (version.create churn@1) was edited", result.Problem);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Audit_ADeletedRow_IsNamedByVerify(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();
        store.CreateModel("churn");
        store.CreateModel("fraud");
        store.CreateModel("upsell");

        t.Sql("DELETE FROM audit_log WHERE seq = 2");

        var result = store.VerifyAudit();
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Contains("entry 2 is missing", result.Problem);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Audit_TheNewestRowsDeleted_IsNamedByVerify(string backend)
    {
        using var t = Backends.Create(backend);
        using var store = t.Open();
        store.CreateModel("churn");
        store.CreateModel("fraud");
        store.CreateModel("upsell");

        t.Sql("DELETE FROM audit_log WHERE seq >= 2");

        var result = store.VerifyAudit();
        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Contains("entries 2 to 3 are missing", result.Problem);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void ConcurrentWriters_LoseNothingAndNumberVersionsOnce(string backend)
    {
        using var t = Backends.Create(backend);
        var runIds = new string[8];

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, w =>
        {
            using var store = t.Open(new Actor($"worker{w}", Role.Trainer));
            store.GetOrCreateModel("churn");
            var run = store.StartRun("concurrency", $"w{w}");
            runIds[w] = run.Id;
            for (var i = 0; i < 20; i++)
            {
                store.LogBatch(run.Id, metrics: Enumerable.Range(0, 10).Select(k => new MetricPoint("loss", k, i * 10 + k)).ToArray());
                if (i % 5 == 0) store.CreateVersion("churn", new string('f', 64), "{}", "{}", $"w{w}-{i}", run.Id);
            }
        });

        using var check = t.Open();
        Assert.All(runIds, id => Assert.Equal(200, check.GetMetricHistory(id, "loss").Count));
        Assert.Equal(Enumerable.Range(1, 32), check.ListVersions("churn").Select(v => v.Version));
        Assert.True(check.VerifyAudit().Intact);
        Assert.Equal(33, check.VerifyAudit().Entries);
    }

    [Fact]
    public void Open_UnreachablePostgres_SaysWhichHostAndPort()
    {
        var e = Assert.Throws<KeelStoreException>(() => KeelStore.Open("postgresql://keel@127.0.0.1:1/keel"));

        Assert.Contains("127.0.0.1:1/keel", e.Message);
    }

    [Fact]
    public void Open_NotAStoreUri_SaysWhatToWrite()
    {
        var e = Assert.Throws<KeelStoreException>(() => KeelStore.Open("mysql://x"));

        Assert.Contains("sqlite:<path> or postgresql://", e.Message);
    }

    [PostgresFact]
    public void Postgres_IsReachableWhereTheContractRunsOnIt()
    {
        using var t = Backends.Create("postgres");
        using var store = t.Open();

        Assert.StartsWith("postgresql://", store.Location);
    }
}

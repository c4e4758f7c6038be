namespace Keel.Store.Tests;

/// <summary>Roles and API keys, on every backend.</summary>
public class AccessContractTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Champion_NeedsADeployer_AndARefusalIsAudited(string backend)
    {
        using var t = Backends.Create(backend);
        using (var admin = t.Open())
        {
            admin.CreateModel("churn");
            admin.CreateVersion("churn", new string('a', 64), "{}", "{}", "fp");
        }
        using var trainer = t.Open(new Actor("tom", Role.Trainer));

        var e = Assert.Throws<KeelStoreException>(() => trainer.SetAlias("churn", "champion", 1));
        trainer.SetAlias("churn", "challenger", 1);
        using var deployer = t.Open(new Actor("dee", Role.Deployer));
        deployer.SetAlias("churn", "champion", 1);

        Assert.True(e.Forbidden);
        Assert.Contains("needs the deployer role", e.Message);
        var audit = deployer.ReadAudit();
        var denied = Assert.Single(audit, a => a.Action == "denied");
        Assert.Equal(("tom", "churn@champion"), (denied.Actor, denied.Target));
        Assert.Equal(["model.create", "version.create", "denied", "alias.set", "alias.set"], audit.Select(a => a.Action));
        Assert.True(deployer.VerifyAudit().Intact);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void RecordEvent_IsChainedInTheAudit_AndNeedsAPredictor(string backend)
    {
        using var t = Backends.Create(backend);
        using var predictor = t.Open(new Actor("server", Role.Predictor));
        using var viewer = t.Open(new Actor("vic", Role.Viewer));

        predictor.RecordEvent("rollout.rollback", "churn@3", new Dictionary<string, string> { ["rule"] = "error_rate", ["reason"] = "20 of 20 failed" });
        var refused = Assert.Throws<KeelStoreException>(() => viewer.RecordEvent("rollout.rollback", "churn@3", new Dictionary<string, string>()));
        var badName = Assert.Throws<ArgumentException>(() => predictor.RecordEvent("Rollback!", "churn@3", new Dictionary<string, string>()));

        Assert.True(refused.Forbidden);
        Assert.Contains("dotted lower-case name", badName.Message);
        var audit = predictor.ReadAudit();
        Assert.Equal(["rollout.rollback", "denied"], audit.Select(a => a.Action));
        Assert.Equal(("server", "churn@3"), (audit[0].Actor, audit[0].Target));
        Assert.Equal("{\"reason\":\"20 of 20 failed\",\"rule\":\"error_rate\"}", audit[0].Details);
        Assert.True(predictor.VerifyAudit().Intact);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Viewer_CanReadButNotWrite(string backend)
    {
        using var t = Backends.Create(backend);
        using (var admin = t.Open()) admin.StartRun("churn");
        using var viewer = t.Open(new Actor("vic", Role.Viewer));

        Assert.Single(viewer.ListRuns("churn"));
        Assert.True(Assert.Throws<KeelStoreException>(() => viewer.StartRun("churn")).Forbidden);
        Assert.True(Assert.Throws<KeelStoreException>(() => viewer.CreateModel("churn")).Forbidden);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void ApiKeys_IdentifyTheirActor_AreStoredHashed_AndStopWorkingWhenRevoked(string backend)
    {
        using var t = Backends.Create(backend);
        using var nobody = t.Open(new Actor("setup", Role.Viewer));

        var admin = nobody.CreateApiKey("alice", Role.Admin); // the first key bootstraps the store
        Assert.True(Assert.Throws<KeelStoreException>(() => nobody.CreateApiKey("eve", Role.Admin)).Forbidden);
        using var asAlice = KeelStore.OpenWithKey(t.Uri, admin.Secret);
        var trainerKey = asAlice.CreateApiKey("tom", Role.Trainer);
        using var asTom = KeelStore.OpenWithKey(t.Uri, trainerKey.Secret);

        Assert.Equal(new Actor("alice", Role.Admin), asAlice.Actor);
        Assert.Equal(new Actor("tom", Role.Trainer), asTom.Actor);
        Assert.Equal(["alice", "tom"], asAlice.ListApiKeys().Select(k => k.Actor));
        Assert.True(Assert.Throws<KeelStoreException>(() => asTom.ListApiKeys()).Forbidden);
        Assert.Contains("unknown or revoked", Assert.Throws<KeelStoreException>(() => KeelStore.OpenWithKey(t.Uri, trainerKey.Secret + "x")).Message);
        asAlice.RevokeApiKey(trainerKey.Key.Id);
        Assert.Contains("unknown or revoked", Assert.Throws<KeelStoreException>(() => KeelStore.OpenWithKey(t.Uri, trainerKey.Secret)).Message);
        Assert.Contains("not valid", Assert.Throws<KeelStoreException>(() => KeelStore.OpenWithKey(t.Uri, "hunter2")).Message);
        Assert.Equal(["key.create", "denied", "key.create", "denied", "key.revoke"], asAlice.ReadAudit().Select(a => a.Action));
    }
}

namespace Keel.Store.Tests;

/// <summary>Promotion policies guarding aliases, gate decisions and overrides, and version tags, on every backend.</summary>
public class PromotionContractTests
{
    private const string Policy = "metrics:\n  roc_auc: { min: 0.8 }\n";

    private static TestStore WithTwoVersions(string backend)
    {
        var t = Backends.Create(backend);
        using var admin = t.Open();
        admin.CreateModel("churn");
        admin.CreateVersion("churn", new string('a', 64), "{}", "{}", "fp");
        admin.CreateVersion("churn", new string('b', 64), "{}", "{}", "fp");
        return t;
    }

    private static GateDecision Decision(string sha, bool passed, string? justification = null) =>
        new(sha, [new GateCheck("metric roc_auc", passed, passed ? "roc_auc 0.86 ≥ 0.80." : "roc_auc 0.71 is below the minimum 0.80."),
                  new GateCheck("card owners", true, "The model card names its owners.")], justification);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void GuardedAlias_WithoutAGateDecision_IsRefused(string backend)
    {
        using var t = WithTwoVersions(backend);
        using var admin = t.Open();
        admin.SetPromotionPolicy("churn", Policy, ["champion"]);

        var e = Assert.Throws<KeelStoreException>(() => admin.SetAlias("churn", "champion", 1));
        admin.SetAlias("churn", "challenger", 2);

        Assert.True(e.GateRefused);
        Assert.Contains("keel models promote churn 1", e.Message);
        Assert.Equal(new Dictionary<string, int> { ["challenger"] = 2 }, admin.GetModel("churn").Aliases);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void FailedGate_IsRefusedWithEveryReason_AndTheRefusalIsAudited(string backend)
    {
        using var t = WithTwoVersions(backend);
        using var admin = t.Open();
        var policy = admin.SetPromotionPolicy("churn", Policy, ["champion"]);
        using var deployer = t.Open(new Actor("dee", Role.Deployer));

        var e = Assert.Throws<KeelStoreException>(() => deployer.SetAlias("churn", "champion", 2, Decision(policy.Sha256, passed: false)));

        Assert.True(e.GateRefused);
        Assert.Contains("roc_auc 0.71 is below the minimum 0.80.", e.Message);
        Assert.Empty(deployer.GetModel("churn").Aliases);
        var refused = Assert.Single(deployer.ReadAudit(), a => a.Action == "alias.refused");
        Assert.Equal(("dee", "churn@champion"), (refused.Actor, refused.Target));
        Assert.Contains("roc_auc 0.71 is below the minimum 0.80.", refused.Details);
        Assert.True(deployer.VerifyAudit().Intact);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void PassedGate_MovesTheAlias_AndTheAuditKeepsTheChecks(string backend)
    {
        using var t = WithTwoVersions(backend);
        using var admin = t.Open();
        var policy = admin.SetPromotionPolicy("churn", Policy, ["champion"]);
        using var deployer = t.Open(new Actor("dee", Role.Deployer));

        deployer.SetAlias("churn", "champion", 2, Decision(policy.Sha256, passed: true));

        Assert.Equal(2, deployer.GetModel("churn").Aliases["champion"]);
        var set = deployer.ReadAudit().Last();
        Assert.Equal("alias.set", set.Action);
        Assert.Contains(policy.Sha256, set.Details);
        Assert.Contains("roc_auc 0.86", set.Details);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Override_NeedsAnAdminAndAJustification_AndIsAuditedAsSuch(string backend)
    {
        using var t = WithTwoVersions(backend);
        using var admin = t.Open();
        var policy = admin.SetPromotionPolicy("churn", Policy, ["champion"]);
        using var deployer = t.Open(new Actor("dee", Role.Deployer));

        var byDeployer = Assert.Throws<KeelStoreException>(() => deployer.SetAlias("churn", "champion", 2, Decision(policy.Sha256, false, "hotfix for the outage")));
        var blank = Assert.Throws<KeelStoreException>(() => admin.SetAlias("churn", "champion", 2, Decision(policy.Sha256, false, " ")));
        admin.SetAlias("churn", "champion", 2, Decision(policy.Sha256, false, "hotfix for the outage"));

        Assert.True(byDeployer.Forbidden);
        Assert.Contains("justification", blank.Message);
        Assert.Equal(2, admin.GetModel("churn").Aliases["champion"]);
        var entry = admin.ReadAudit().Last();
        Assert.Equal("alias.override", entry.Action);
        Assert.Contains("hotfix for the outage", entry.Details);
        Assert.Contains("roc_auc 0.71 is below the minimum 0.80.", entry.Details);
        Assert.Contains(admin.ReadAudit(), a => a.Action == "denied" && a.Actor == "dee");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void GateDecision_UnderAnotherPolicyText_IsRefused(string backend)
    {
        using var t = WithTwoVersions(backend);
        using var admin = t.Open();
        var old = admin.SetPromotionPolicy("churn", Policy, ["champion"]);
        admin.SetPromotionPolicy("churn", Policy + "fairness:\n  sex:\n    demographic_parity_difference: { max: 0.05 }\n", ["champion"]);

        var e = Assert.Throws<KeelStoreException>(() => admin.SetAlias("churn", "champion", 1, Decision(old.Sha256, true)));

        Assert.True(e.GateRefused);
        Assert.Contains("evaluate the current policy again", e.Message);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Policy_IsSetByAnAdminOnly_ReadBack_AndRemovable(string backend)
    {
        using var t = WithTwoVersions(backend);
        using var admin = t.Open();
        using var deployer = t.Open(new Actor("dee", Role.Deployer));

        Assert.True(Assert.Throws<KeelStoreException>(() => deployer.SetPromotionPolicy("churn", Policy, ["champion"])).Forbidden);
        var set = admin.SetPromotionPolicy("churn", Policy, ["production", "champion", "champion"]);
        var read = deployer.GetPromotionPolicy("churn")!;
        admin.DeletePromotionPolicy("churn");

        Assert.Equal(["champion", "production"], read.GuardedAliases);
        Assert.Equal((Policy, set.Sha256), (read.Text, read.Sha256));
        Assert.Equal(64, set.Sha256.Length);
        Assert.Null(admin.GetPromotionPolicy("churn"));
        admin.SetAlias("churn", "champion", 1);
        Assert.Equal(["policy.set", "policy.delete"], admin.ReadAudit().Where(a => a.Action.StartsWith("policy.", StringComparison.Ordinal)).Select(a => a.Action));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void VersionTags_AreKeptPerVersion_Replaced_Removed_AndAudited(string backend)
    {
        using var t = WithTwoVersions(backend);
        using var store = t.Open();

        store.SetVersionTag("churn", 1, "card.owners", "[\"Churn team\"]");
        store.SetVersionTag("churn", 1, "card.limitations", "first");
        store.SetVersionTag("churn", 1, "card.limitations", "second");
        store.SetVersionTag("churn", 2, "card.owners", "other");
        store.SetVersionTag("churn", 2, "card.owners", null);

        Assert.Equal(new Dictionary<string, string> { ["card.limitations"] = "second", ["card.owners"] = "[\"Churn team\"]" }, store.GetVersionTags("churn", 1));
        Assert.Empty(store.GetVersionTags("churn", 2));
        Assert.Contains("no version 9", Assert.Throws<KeelStoreException>(() => store.SetVersionTag("churn", 9, "k", "v")).Message);
        Assert.Equal(4, store.ReadAudit().Count(a => a.Action == "version.tag"));
        Assert.Single(store.ReadAudit(), a => a.Action == "version.untag");
    }
}

using Keel.Fairness.Cards;
using Keel.Lifecycle.Promotion;

namespace Keel.Lifecycle.Tests.Promotion;

public class PromotionGateTests
{
    private static readonly PromotionPolicy Policy = PromotionPolicy.Parse("""
        metrics:
          roc_auc: { min: 0.85 }
        fairness:
          sex:
            demographic_parity_difference: { max: 0.05 }
        drift:
          max_drift_share: 0.3
        card:
          required: [owners, limitations]
        """);

    private static PromotionEvidence Evidence(double auc = 0.9, double? dpd = 0.02, double drift = 0.1, bool limitations = true) => new()
    {
        Model = "churn",
        Version = 3,
        Metrics = new Dictionary<string, double> { ["roc_auc"] = auc, ["accuracy"] = 0.8 },
        MetricsSource = "holdout.csv (1,000 rows)",
        Fairness = new Dictionary<string, IReadOnlyDictionary<string, Measured>>
        {
            ["sex"] = new Dictionary<string, Measured>
            {
                ["demographic_parity_difference"] = dpd is { } d ? Measured.Of(d) : Measured.Missing("group 'x' has no rows"),
            },
        },
        DriftShare = Measured.Of(drift),
        DriftSource = "holdout.csv against the training data's profile",
        Card = new ModelCardOwnerSections { Owners = [new Owner("Retention", null)], Limitations = limitations ? ["One market only"] : [] },
    };

    [Fact]
    public void Evaluate_EveryLimitMet_Passes()
    {
        var decision = PromotionGate.Evaluate(Policy, Evidence());

        Assert.True(decision.Passed);
        Assert.Equal(["metric roc_auc", "fairness sex demographic_parity_difference", "drift", "card owners", "card limitations"], decision.Checks.Select(c => c.Name));
        Assert.Equal(Policy.Sha256, decision.PolicySha256);
    }

    [Fact]
    public void Evaluate_EveryBrokenLimit_IsAFailedCheckWithItsNumbers()
    {
        var decision = PromotionGate.Evaluate(Policy, Evidence(auc: 0.81, dpd: 0.19, drift: 0.5, limitations: false));

        Assert.False(decision.Passed);
        Assert.Equal(4, decision.Checks.Count(c => !c.Passed));
        Assert.Contains(decision.Checks, c => c.Detail == "roc_auc is 0.8100 on holdout.csv (1,000 rows); the policy needs at least 0.85.");
        Assert.Contains(decision.Checks, c => c.Detail == "demographic_parity_difference for 'sex' is 0.1900; the policy needs at most 0.05.");
        Assert.Contains(decision.Checks, c => c.Detail.StartsWith("50 % of the input columns drifted", StringComparison.Ordinal) || c.Detail.StartsWith("50% of the input columns drifted", StringComparison.Ordinal));
        Assert.Contains(decision.Checks, c => c.Name == "card limitations" && c.Detail.Contains("keel card --model churn@3", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_AnUndefinedMeasure_FailsAndSaysWhy()
    {
        var decision = PromotionGate.Evaluate(Policy, Evidence(dpd: null));

        var check = Assert.Single(decision.Checks, c => !c.Passed);
        Assert.Equal("demographic_parity_difference for 'sex' is undefined (group 'x' has no rows), so the limit at most 0.05 cannot be checked.", check.Detail);
    }

    [Fact]
    public void Evaluate_WithoutData_FailsFairnessAndDrift_ButChecksTheRegisteredMetrics()
    {
        var evidence = Evidence() with
        {
            MetricsSource = "the registered evaluation",
            Fairness = new Dictionary<string, IReadOnlyDictionary<string, Measured>>(),
            FairnessUnavailable = "no evaluation data was given (pass --data with the label and the sensitive columns)",
            DriftShare = Measured.Missing("no evaluation data was given (pass --data)"),
        };

        var decision = PromotionGate.Evaluate(Policy, evidence);

        Assert.Equal(["fairness sex demographic_parity_difference", "drift"], decision.Checks.Where(c => !c.Passed).Select(c => c.Name));
        Assert.True(decision.Checks[0].Passed);
    }

    [Fact]
    public void Evaluate_AMetricTheEvaluationLacks_Fails()
    {
        var policy = PromotionPolicy.Parse("metrics:\n  r2: { min: 0.5 }\n");

        var check = Assert.Single(PromotionGate.Evaluate(policy, Evidence()).Checks);

        Assert.False(check.Passed);
        Assert.Equal("r2 is not among the metrics of holdout.csv (1,000 rows) (roc_auc, accuracy), so the limit at least 0.5 cannot be checked.", check.Detail);
    }
}

using Keel.Data;
using Keel.Lifecycle.Promotion;

namespace Keel.Lifecycle.Tests.Promotion;

public class PromotionPolicyTests
{
    [Fact]
    public void Parse_TheDocumentedExample_ReadsEverySection()
    {
        var policy = PromotionPolicy.Parse("""
            metrics:
              roc_auc: { min: 0.85 }
              log_loss: { max: 0.45 }
            fairness:
              sex:
                demographic_parity_difference: { max: 0.05 }
                equalized_odds_ratio: { min: 0.8 }
            drift:
              max_drift_share: 0.3
            card:
              required: [owners, limitations, ethical_considerations]
            """);

        Assert.Equal(["champion"], policy.Guards);
        Assert.Equal(0.85, policy.Metrics["roc_auc"].Min);
        Assert.Equal(0.45, policy.Metrics["log_loss"].Max);
        Assert.Equal(0.05, policy.Fairness["sex"]["demographic_parity_difference"].Max);
        Assert.Equal(0.8, policy.Fairness["sex"]["equalized_odds_ratio"].Min);
        Assert.Equal(0.3, policy.MaxDriftShare);
        Assert.Equal(["owners", "limitations", "ethical_considerations"], policy.RequiredCardFields);
        Assert.True(policy.NeedsData);
        Assert.Equal(64, policy.Sha256.Length);
    }

    [Fact]
    public void Parse_SeveralMistakes_ListsEachWithItsLine()
    {
        var e = Assert.Throws<KeelDataException>(() => PromotionPolicy.Parse("""
            metrics:
              roc_auc: { min: high }
            fairness:
              sex:
                parity_gap: { max: 0.1 }
            card:
              required: [owners, favourite_colour]
            colour: blue
            """, "policy.yaml"));

        Assert.StartsWith("policy.yaml is not a valid promotion policy:", e.Message);
        Assert.Contains("line 2, column 19: metrics.roc_auc.min must be a number, not 'high'.", e.Message);
        Assert.Contains("line 5, column 5: 'parity_gap' is not a fairness measure", e.Message);
        Assert.Contains("'favourite_colour' is not a model-card field", e.Message);
        Assert.Contains("line 8, column 1: unknown section 'colour'", e.Message);
        Assert.DoesNotContain("needs min or max", e.Message);
    }

    [Fact]
    public void Parse_NotYaml_NamesTheLine()
    {
        var e = Assert.Throws<KeelDataException>(() => PromotionPolicy.Parse("metrics:\n  roc_auc: { min: 0.8\n", "p.yaml"));

        Assert.StartsWith("p.yaml, line ", e.Message);
        Assert.Contains("not valid YAML", e.Message);
    }

    [Fact]
    public void Parse_APolicyThatChecksNothing_IsRefused()
    {
        var e = Assert.Throws<KeelDataException>(() => PromotionPolicy.Parse("guards: [champion, production]\n"));

        Assert.Contains("checks nothing", e.Message);
    }

    [Fact]
    public void Parse_MinAboveMax_IsRefused()
    {
        var e = Assert.Throws<KeelDataException>(() => PromotionPolicy.Parse("metrics:\n  accuracy: { min: 0.9, max: 0.8 }\n"));

        Assert.Contains("min 0.9 is above max 0.8", e.Message);
    }

    [Fact]
    public void Sha256_IsTheHashOfTheText()
    {
        var policy = PromotionPolicy.Parse("metrics:\n  accuracy: { min: 0.8 }\n");

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("metrics:\n  accuracy: { min: 0.8 }\n"u8)), policy.Sha256);
    }
}

using System.Text.Json;

namespace Keel.Cli.Tests;

/// <summary>
/// <c>keel card</c> and <c>keel models policy|promote</c> on a bundle the CLI trained: a model that breaks the policy
/// cannot become champion, the refusal is audited, the owner's card fields count, and an admin override is audited.
/// </summary>
public sealed class CardAndPromotionTests(TrainedChurnModel trained) : IClassFixture<TrainedChurnModel>
{
    private readonly WorkFolder _work = trained.Work;

    private const string Policy = """
        metrics:
          roc_auc: { min: 0.75 }
        fairness:
          SeniorCitizen:
            demographic_parity_difference: { max: 0.05 }
        card:
          required: [owners, limitations]
        """;

    private const string Owner = """
        overview: Flags customers likely to cancel next month so the retention team can call them.
        owners: [{ name: Retention analytics, contact: retention@example.com }]
        use_cases: [Choosing whom to call first]
        limitations: [Trained on one telecom's customers; not for pricing decisions]
        ethical_considerations:
          - name: Senior citizens are flagged far more often
            mitigation_strategy: Review the selection rates by age group before each promotion
        """;

    private string Store(string name) => "sqlite:" + Path.Combine(_work.Path, name + ".db");

    [Fact]
    public void Promote_AModelThatBreaksThePolicy_IsRefusedAndAudited_UntilAnAdminOverridesIt()
    {
        var store = Store("promote");
        var policy = _work.File("policy.yaml", Policy);
        var owner = _work.File("owner.yaml", Owner);
        var data = KeelProcess.Sample("telco_churn.csv");
        Assert.Equal(0, KeelProcess.Run(_work.Path, "models", "register", "-m", "m.keel", "--name", "churn", "--store", store).Exit);
        var set = KeelProcess.Run(_work.Path, "models", "policy", "set", "churn", policy, "--store", store);

        var refused = KeelProcess.Run(_work.Path, "models", "promote", "churn", "1", "--data", data, "--store", store);
        var plainAlias = KeelProcess.Run(_work.Path, "models", "alias", "churn", "champion", "1", "--store", store);
        var card = KeelProcess.Run(_work.Path, "card", "--model", "churn@1", "--owner", owner, "--data", data, "--sensitive", "SeniorCitizen",
            "--bootstrap", "50", "--out", "card.html", "--store", store);
        var stillRefused = KeelProcess.Run(_work.Path, "models", "promote", "churn", "1", "--data", data, "--store", store, "--json");
        var overridden = KeelProcess.Run(_work.Path, "models", "promote", "churn", "1", "--data", data, "--store", store, "--override", "Retention campaign approved by the ethics board, ticket 42");
        var history = KeelProcess.Run(_work.Path, "models", "history", "churn", "--store", store, "--json");

        Assert.True(set.Exit == 0, set.Stderr);
        Assert.Equal(6, refused.Exit);
        Assert.Contains("demographic_parity_difference for 'SeniorCitizen' is 0.", refused.Stderr);
        Assert.Contains("The model card has no owners", refused.Stderr);
        Assert.Contains("The model card has no limitations", refused.Stderr);
        Assert.Contains("FAIL", refused.Stdout);
        Assert.Equal(6, plainAlias.Exit);
        Assert.Contains("keel models promote churn 1", plainAlias.Stderr);
        Assert.True(card.Exit == 0, card.Stderr);
        Assert.Equal(6, stillRefused.Exit);
        Assert.DoesNotContain("model card has no", stillRefused.Stderr);
        Assert.True(overridden.Exit == 0, overridden.Stderr);
        Assert.Contains("overridden", overridden.Stdout);
        using var doc = JsonDocument.Parse(history.Stdout);
        var actions = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(2, actions.Count(a => a == "alias.refused"));
        Assert.Contains("policy.set", actions);
        Assert.Contains("version.tag", actions);
        Assert.Equal("alias.override", actions[^1]);
        Assert.Contains("ethics board", doc.RootElement.EnumerateArray().Last().GetProperty("details").GetString());
    }

    [Fact]
    public void Card_WritesTheToolkitsSections_WithGroupSlicesAndTheOwnersFields()
    {
        var owner = _work.File("owner-card.yaml", Owner);

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "card", "--model", "m.keel", "--owner", owner, "--data", KeelProcess.Sample("telco_churn.csv"),
            "--sensitive", "SeniorCitizen", "--sensitive", "gender", "--bootstrap", "50", "--out", "telco-card.html", "--json");

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("Retention analytics", root.GetProperty("model_details").GetProperty("owners")[0].GetProperty("name").GetString());
        var sensitive = root.GetProperty("model_parameters").GetProperty("data")[0].GetProperty("sensitive").GetProperty("sensitive_data");
        Assert.Equal(["SeniorCitizen", "gender"], sensitive.EnumerateArray().Select(s => s.GetString()).Order());
        var metrics = root.GetProperty("quantitative_analysis").GetProperty("performance_metrics").EnumerateArray().ToList();
        var overallAuc = metrics.Single(m => m.GetProperty("type").GetString() == "roc_auc" && m.GetProperty("slice").GetString() == "");
        Assert.True(overallAuc.GetProperty("confidence_interval").GetProperty("lower_bound").GetDouble() < overallAuc.GetProperty("value").GetDouble());
        var seniorRate = metrics.Single(m => m.GetProperty("type").GetString() == "selection_rate" && m.GetProperty("slice").GetString() == "SeniorCitizen=1");
        var youngerRate = metrics.Single(m => m.GetProperty("type").GetString() == "selection_rate" && m.GetProperty("slice").GetString() == "SeniorCitizen=0");
        var gap = metrics.Single(m => m.GetProperty("type").GetString() == "demographic_parity_difference" && m.GetProperty("slice").GetString() == "SeniorCitizen");
        Assert.Equal(Math.Abs(seniorRate.GetProperty("value").GetDouble() - youngerRate.GetProperty("value").GetDouble()), gap.GetProperty("value").GetDouble(), 12);
        Assert.Equal("Senior citizens are flagged far more often", root.GetProperty("considerations").GetProperty("ethical_considerations")[0].GetProperty("name").GetString());
        Assert.Contains("tradeoffs", stderr);
        var html = File.ReadAllText(Path.Combine(_work.Path, "telco-card.html"));
        Assert.Contains("Model card: ", html);
        Assert.Contains("The model says yes to", html);
        Assert.Contains("Ethical considerations", html);
        Assert.True(File.Exists(Path.Combine(_work.Path, "telco-card.json")));
    }

    [Fact]
    public void PolicySet_AnInvalidPolicy_NamesTheLine_AndRegistersNothing()
    {
        var store = Store("bad-policy");
        Assert.Equal(0, KeelProcess.Run(_work.Path, "models", "register", "-m", "m.keel", "--name", "churn", "--store", store).Exit);
        var policy = _work.File("bad.yaml", "metrics:\n  roc_auc: { min: 0.7 }\nfairness:\n  SeniorCitizen:\n    parity: { max: 0.1 }\n");

        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "models", "policy", "set", "churn", policy, "--store", store);
        var show = KeelProcess.Run(_work.Path, "models", "policy", "show", "churn", "--store", store);

        Assert.Equal(2, exit);
        Assert.Contains("bad.yaml is not a valid promotion policy: line 5, column 5: 'parity' is not a fairness measure", stderr);
        Assert.Equal(2, show.Exit);
        Assert.Contains("has no promotion policy", show.Stderr);
    }

    [Fact]
    public void Card_AnOwnerFileWithAnUnknownField_NamesItsLine()
    {
        var owner = _work.File("typo.yaml", "overview: fine\nlimitation: [singular]\n");

        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "card", "--model", "m.keel", "--owner", owner, "--out", "typo.html");

        Assert.Equal(2, exit);
        Assert.Contains("typo.yaml is not a valid model card file: line 2: unknown field 'limitation'", stderr);
        Assert.False(File.Exists(Path.Combine(_work.Path, "typo.html")));
    }
}

using Keel.Data;
using Keel.Lifecycle.Retraining;

namespace Keel.Lifecycle.Tests.Retraining;

public sealed class RetrainingPolicyTests
{
    private const string Full = """
        triggers:
          schedule: 7d
          drift: { max_drift_share: 0.3 }
          performance: { metric: accuracy, max_drop: 0.05, estimated: true }
        data:
          window: original_plus_recent
          recent_rows: 5000
          recent_weight: 2
        limits:
          max_retrains_per_day: 2
          min_new_labelled_rows: 500
        challenger:
          metric: accuracy
          margin: 0.01
          evaluation_rows: 2000
          approval: automatic
        """;

    [Fact]
    public void Parse_TheDocumentedExample_ReadsEverySetting()
    {
        var policy = RetrainingPolicy.Parse(Full);

        Assert.Equal(TimeSpan.FromDays(7), policy.Schedule);
        Assert.Equal(0.3, policy.MaxDriftShare);
        Assert.Equal(new PerformanceTrigger { Metric = "accuracy", MaxDrop = 0.05, Estimated = true }, policy.Performance);
        Assert.Equal(DataWindowKind.OriginalPlusRecent, policy.Window);
        Assert.Equal(5000, policy.RecentRows);
        Assert.Equal(2, policy.RecentWeight);
        Assert.Equal(2, policy.MaxRetrainsPerDay);
        Assert.Equal(500, policy.MinNewLabelledRows);
        Assert.Equal(new ChallengerSettings { Metric = "accuracy", Margin = 0.01, EvaluationRows = 2000, Approval = ApprovalMode.Automatic }, policy.Challenger);
        Assert.Equal(Full, policy.Text);
    }

    [Fact]
    public void Parse_OnlyATrigger_TakesTheDocumentedDefaults()
    {
        var policy = RetrainingPolicy.Parse("triggers:\n  schedule: 12h\n");

        Assert.Equal(TimeSpan.FromHours(12), policy.Schedule);
        Assert.Null(policy.MaxDriftShare);
        Assert.Null(policy.Performance);
        Assert.Equal(DataWindowKind.Sliding, policy.Window);
        Assert.Equal(5000, policy.RecentRows);
        Assert.Equal(1, policy.RecentWeight);
        Assert.Equal(1, policy.MaxRetrainsPerDay);
        Assert.Equal(500, policy.MinNewLabelledRows);
        Assert.Null(policy.Challenger.Metric);
        Assert.Equal(0.01, policy.Challenger.Margin);
        Assert.Equal(2000, policy.Challenger.EvaluationRows);
        Assert.Equal(ApprovalMode.Human, policy.Challenger.Approval);
    }

    [Fact]
    public void Parse_SeveralMistakes_NamesEachWithItsLineAndColumn()
    {
        var e = Assert.Throws<KeelDataException>(() => RetrainingPolicy.Parse("""
            triggers:
              schedule: weekly
              drift: { max_drift_share: 1.5 }
              performance: { metric: acuracy }
            data:
              window: rolling
            limits:
              max_retrains_per_day: 0
            challenger:
              approval: maybe
            extras: 1
            """, "retrain.yaml"));

        Assert.StartsWith("retrain.yaml is not a valid retraining policy:", e.Message);
        Assert.Contains("line 2, column 13: triggers.schedule is a duration such as 30m, 12h, 7d or 2w, not 'weekly'.", e.Message);
        Assert.Contains("line 3, column 29: triggers.drift.max_drift_share is a share of columns, from 0 to 1.", e.Message);
        Assert.Contains("line 4, column 26: triggers.performance.metric: 'acuracy' is not one of Keel's metrics", e.Message);
        Assert.Contains("line 4, column 16: triggers.performance needs max_drop", e.Message);
        Assert.Contains("line 6, column 11: data.window is sliding, expanding or original_plus_recent, not 'rolling'.", e.Message);
        Assert.Contains("line 8, column 25: limits.max_retrains_per_day must be a whole number of at least 1, not '0'.", e.Message);
        Assert.Contains("line 10, column 13: challenger.approval is automatic or human, not 'maybe'.", e.Message);
        Assert.Contains("line 11, column 1: unknown section 'extras'", e.Message);
    }

    [Fact]
    public void Parse_APolicyWithoutTriggers_IsRefused()
    {
        var e = Assert.Throws<KeelDataException>(() => RetrainingPolicy.Parse("limits:\n  max_retrains_per_day: 3\n", "p.yaml"));

        Assert.Contains("the policy has no trigger", e.Message);
    }

    [Fact]
    public void Parse_YamlThatDoesNotParse_NamesTheLine()
    {
        var e = Assert.Throws<KeelDataException>(() => RetrainingPolicy.Parse("triggers:\n  schedule: [7d\n", "p.yaml"));

        Assert.StartsWith("p.yaml, line ", e.Message);
        Assert.Contains("not valid YAML", e.Message);
    }
}

using Keel.Lifecycle.Retraining;

namespace Keel.Lifecycle.Tests.Retraining;

public sealed class RetrainingTriggersTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly RetrainingPolicy Policy = RetrainingPolicy.Parse("""
        triggers:
          schedule: 7d
          drift: { max_drift_share: 0.3 }
          performance: { metric: accuracy, max_drop: 0.05 }
        limits:
          max_retrains_per_day: 2
          min_new_labelled_rows: 500
        challenger:
          evaluation_rows: 1000
        """);

    private static RetrainingState Quiet => new()
    {
        ChampionRegisteredAt = Now.AddDays(-3), DriftShare = 0.1, DriftColumns = 10,
        PerformanceMetric = "accuracy", RegisteredPerformance = 0.85, RecentPerformance = 0.83, PerformanceRows = 800,
        NewLabelledRows = 900, LabelledRows = 5000,
    };

    private static RetrainingCheck Trigger(RetrainingDecision d, string name) => d.Triggers.Single(t => t.Name == name);

    private static RetrainingCheck Limit(RetrainingDecision d, string name) => d.Limits.Single(t => t.Name == name);

    [Fact]
    public void Evaluate_NothingChanged_FiresNothing_AndSaysWhy()
    {
        var d = RetrainingTriggers.Evaluate(Policy, Quiet, Now);

        Assert.False(d.Retrain);
        Assert.Empty(d.Fired);
        Assert.Equal("The champion is 3 days old; the policy retrains after 7 days.", Trigger(d, "schedule").Reason);
        Assert.Equal("10% of the 10 input columns drifted on recent traffic; the policy retrains above 30%.", Trigger(d, "drift").Reason.Replace(" %", "%"));
        Assert.StartsWith("No trigger fired:", d.Summary);
    }

    [Fact]
    public void Evaluate_AChampionOfOneDay_SaysDayInTheSingular()
    {
        var policy = RetrainingPolicy.Parse("triggers:\n  schedule: 12h\n");

        var d = RetrainingTriggers.Evaluate(policy, Quiet with { ChampionRegisteredAt = Now.AddDays(-1) }, Now);

        Assert.Equal("The champion is 1 day old; the policy retrains after 12 hours.", Trigger(d, "schedule").Reason);
    }

    [Fact]
    public void Evaluate_AnOldChampion_FiresTheSchedule()
    {
        var d = RetrainingTriggers.Evaluate(Policy, Quiet with { ChampionRegisteredAt = Now.AddDays(-7.5) }, Now);

        Assert.True(d.Retrain);
        Assert.Equal(["schedule"], d.Fired.Select(t => t.Name));
    }

    [Fact]
    public void Evaluate_DriftAboveTheShare_Fires_AtTheShareItDoesNot()
    {
        Assert.True(Trigger(RetrainingTriggers.Evaluate(Policy, Quiet with { DriftShare = 0.4 }, Now), "drift").Hit);
        Assert.False(Trigger(RetrainingTriggers.Evaluate(Policy, Quiet with { DriftShare = 0.3 }, Now), "drift").Hit);
    }

    [Fact]
    public void Evaluate_AMonitoringDriftAlert_FiresTheDriftTrigger()
    {
        var d = RetrainingTriggers.Evaluate(Policy, Quiet with { DriftShare = null, DriftAlert = "4 of 10 columns drifted." }, Now);

        Assert.True(Trigger(d, "drift").Hit);
        Assert.Contains("4 of 10 columns drifted.", Trigger(d, "drift").Reason);
    }

    [Fact]
    public void Evaluate_AccuracyDroppedByMoreThanTheLimit_FiresPerformance()
    {
        var d = RetrainingTriggers.Evaluate(Policy, Quiet with { RecentPerformance = 0.79 }, Now);

        var performance = Trigger(d, "performance");
        Assert.True(performance.Hit);
        Assert.Equal("The champion's accuracy is 0.7900 on 800 recent rows (measured on labels), against 0.8500 registered: worse by 0.0600; the policy retrains when it is worse by more than 0.05.", performance.Reason);
    }

    [Fact]
    public void Evaluate_ALowerIsBetterMetric_FiresWhenItRises()
    {
        var policy = RetrainingPolicy.Parse("triggers:\n  performance: { metric: log_loss, max_drop: 0.05 }\n");
        var state = Quiet with { PerformanceMetric = "log_loss", RegisteredPerformance = 0.40, RecentPerformance = 0.30 };

        Assert.False(Trigger(RetrainingTriggers.Evaluate(policy, state, Now), "performance").Hit);
        Assert.True(Trigger(RetrainingTriggers.Evaluate(policy, state with { RecentPerformance = 0.46 }, Now), "performance").Hit);
    }

    [Fact]
    public void Evaluate_UnmeasuredPerformance_DoesNotFire_AndSaysWhy()
    {
        var d = RetrainingTriggers.Evaluate(Policy, Quiet with { RecentPerformance = null, PerformanceUnavailable = "only 12 recent rows are labelled" }, Now);

        Assert.False(Trigger(d, "performance").Hit);
        Assert.Equal("The champion's accuracy could not be compared: only 12 recent rows are labelled.", Trigger(d, "performance").Reason);
    }

    [Fact]
    public void Evaluate_TwoRetrainsInTheLastDay_BlocksATriggeredRetrain_AnOlderOneDoesNotCount()
    {
        var fired = Quiet with { DriftShare = 0.5 };

        var blocked = RetrainingTriggers.Evaluate(Policy, fired with { Retrains = [Now.AddHours(-2), Now.AddHours(-20)] }, Now);
        var allowed = RetrainingTriggers.Evaluate(Policy, fired with { Retrains = [Now.AddHours(-2), Now.AddHours(-30)] }, Now);

        Assert.False(blocked.Retrain);
        Assert.Equal("2 retrainings in the last 24 hours; the policy allows 2.", Limit(blocked, "max_retrains_per_day").Reason);
        Assert.True(allowed.Retrain);
    }

    [Fact]
    public void Evaluate_TooFewNewLabels_Blocks()
    {
        var d = RetrainingTriggers.Evaluate(Policy, Quiet with { DriftShare = 0.5, NewLabelledRows = 499 }, Now);

        Assert.False(d.Retrain);
        Assert.Equal(["min_new_labelled_rows"], d.Blocking.Select(l => l.Name));
        Assert.StartsWith("A trigger fired", d.Summary);
    }

    [Fact]
    public void Evaluate_TooFewLabelledRowsToHoldOutAndTrain_Blocks()
    {
        var d = RetrainingTriggers.Evaluate(Policy, Quiet with { DriftShare = 0.5, LabelledRows = 1099 }, Now);

        Assert.Equal(["labelled_rows"], d.Blocking.Select(l => l.Name));
        Assert.Equal("1,099 labelled rows are available; holding out 1,000 for the comparison and training on at least 100 needs 1,100.", Limit(d, "labelled_rows").Reason);
    }

    [Fact]
    public void Evaluate_AChallengerAwaitingApproval_Blocks()
    {
        var d = RetrainingTriggers.Evaluate(Policy, Quiet with { DriftShare = 0.5, PendingVersion = 4 }, Now);

        Assert.Equal(["pending_approval"], d.Blocking.Select(l => l.Name));
        Assert.Equal("Version 4 still awaits a deployer's approval; approve or reject it first.", Limit(d, "pending_approval").Reason);
    }
}

using Keel.Serving.Rollout;

namespace Keel.Serving.Tests.Rollout;

public class RollbackRuleTests
{
    private static readonly RolloutOptions Options = new() { Mode = RolloutMode.Canary, Challenger = new ModelSpec("churn", "challenger") };

    private static VariantSnapshot Side(long requests, long errors = 0, double p95 = 2, long labelled = 0, long correct = 0) =>
        new(requests, errors, p95, labelled, correct, double.NaN);

    [Fact]
    public void Decide_BeforeTheMinimumRequests_NeverRollsBack()
    {
        Assert.Null(RollbackRule.Decide(Side(900), Side(99, errors: 99), Options));
    }

    [Fact]
    public void Decide_ErrorRateExcessAboveTheThreshold_RollsBackWithTheNumbers()
    {
        var decision = RollbackRule.Decide(Side(900, errors: 9), Side(100, errors: 4), Options);

        Assert.Equal("error_rate", decision!.Rule);
        Assert.Contains("failed 4 of 100 requests (4.0 %)", decision.Reason);
        Assert.Contains("9 of 900 (1.0 %)", decision.Reason);
    }

    [Fact]
    public void Decide_ErrorRateExcessAtTheThreshold_GoesOn()
    {
        Assert.Null(RollbackRule.Decide(Side(900, errors: 9), Side(100, errors: 3), Options)); // 3% - 1% = 2%, not above 2%
    }

    [Fact]
    public void Decide_SlowerThanTheRatio_RollsBack_ButSubMillisecondJitterDoesNot()
    {
        Assert.Equal("latency", RollbackRule.Decide(Side(900, p95: 2), Side(100, p95: 4.5), Options)!.Rule);
        Assert.Null(RollbackRule.Decide(Side(900, p95: 0.2), Side(100, p95: 0.9), Options)); // 4.5 times, but only 0.7 ms more
        Assert.Null(RollbackRule.Decide(Side(900, p95: 2), Side(100, p95: 3.9), Options));
    }

    [Fact]
    public void Decide_LowerLabelledAccuracy_RollsBackOnlyWithEnoughLabelsOnEachSide()
    {
        Assert.Equal("accuracy", RollbackRule.Decide(Side(900, labelled: 300, correct: 270), Side(100, labelled: 40, correct: 30), Options)!.Rule);
        Assert.Null(RollbackRule.Decide(Side(900, labelled: 300, correct: 270), Side(100, labelled: 29, correct: 0), Options));
        Assert.Null(RollbackRule.Decide(Side(900, labelled: 300, correct: 270), Side(100, labelled: 40, correct: 35), Options)); // 90% against 87.5%
    }

    [Fact]
    public void Percentile95_MatchesNumPysLinearInterpolation()
    {
        // numpy.percentile(range(1, 11), 95) == 9.55; numpy.percentile([3, 1, 2, 10], 95) == 8.95
        Assert.Equal(9.55, VariantFigures.Percentile95([.. Enumerable.Range(1, 10).Select(i => (double)i)]), 12);
        Assert.Equal(8.95, VariantFigures.Percentile95([3, 1, 2, 10]), 12);
        Assert.Equal(0, VariantFigures.Percentile95([]));
    }
}

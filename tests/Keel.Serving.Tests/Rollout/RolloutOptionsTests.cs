using Keel.Serving.Rollout;

namespace Keel.Serving.Tests.Rollout;

public class RolloutOptionsTests
{
    [Fact]
    public void Problems_ListsEveryProblemAtOnce()
    {
        var options = new RolloutOptions
        {
            Mode = RolloutMode.Canary, Challenger = ModelSpec.Parse("fraud@challenger"), CanaryShare = 1, CanaryKey = " ",
            RollbackErrorRate = -0.1, RollbackLatencyRatio = 1, RollbackMinRequests = 0, RollbackMetricDrop = 2, RollbackMinLabels = 0,
            ShadowQueueCapacity = 0, LabelWindow = 10,
        };

        var problems = options.Problems([ModelSpec.Parse("churn@champion")]).ToList();

        Assert.Equal(10, problems.Count);
        Assert.Contains("--canary fraud@challenger: model 'fraud' is not served; add it to --models", problems[0]);
        Assert.Contains(problems, p => p.StartsWith("--canary-share must be above 0 and below 1; it is 1.", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--rollback-latency-ratio must be a number above 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_TheChallengerIsTheServedReference_IsRefused()
    {
        var options = new RolloutOptions { Mode = RolloutMode.Shadow, Challenger = ModelSpec.Parse("churn@champion") };

        var problem = Assert.Single(options.Problems([ModelSpec.Parse("churn")]));

        Assert.Contains("the challenger is what --models already serves", problem);
    }

    [Fact]
    public void Problems_Defaults_AreValid()
    {
        Assert.Empty(new RolloutOptions { Mode = RolloutMode.Canary, Challenger = ModelSpec.Parse("churn@challenger") }.Problems([ModelSpec.Parse("churn")]));
    }
}

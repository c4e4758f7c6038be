using Keel.Fairness.Metrics;

namespace Keel.Fairness.Tests.Metrics;

/// <summary>
/// Disparate impact against SageMaker Clarify's test_DI (aws/amazon-sagemaker-clarify,
/// tests/unit/bias/metrics/test_metrics.py, dfBinary): DI of facet F is 10/7, of facet M 7/10 — the same ratio of
/// selection rates, unprivileged over privileged, as AIF360's disparate_impact.
/// </summary>
public class DisparateImpactTests
{
    private static readonly string[] Sex = ["M", "F", "F", "M", "F", "M", "F", "F", "M", "M", "F", "F"];
    private static readonly bool[] Predicted = FairlearnExample.Bools(1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0);

    [Fact]
    public void Ratio_ClarifyExample_PrivilegedM_Is10Over7()
    {
        var di = DisparateImpact.Compute(Predicted, Sex, privileged: "M");

        Assert.Equal("F", di.WorstGroup);
        Assert.Equal(10.0 / 7, di.Ratio.Value!.Value, 12);
        Assert.Equal(4.0 / 7 - 2.0 / 5, di.Difference.Value!.Value, 12);
        Assert.False(di.BelowThreshold);
    }

    [Fact]
    public void Ratio_ClarifyExample_PrivilegedF_Is7Over10_BelowFourFifths()
    {
        var di = DisparateImpact.Compute(Predicted, Sex, privileged: "F");

        Assert.Equal(0.7, di.Ratio.Value!.Value, 12);
        Assert.True(di.BelowThreshold);
        Assert.True(di.ReferenceIsPrivileged);
    }

    [Fact]
    public void Ratio_WithoutPrivilegedGroup_ComparesWithTheHighestRate()
    {
        var di = DisparateImpact.Compute(FairlearnExample.YPred, FairlearnExample.Groups);

        Assert.Equal("a", di.Reference);
        Assert.Equal(2.0 / 3, di.Ratio.Value!.Value, 12); // the demographic parity ratio
        Assert.True(di.BelowThreshold);
        Assert.Equal(2, di.Groups.Count(g => g.RatioToReference.Value < 0.8));
    }

    [Fact]
    public void Ratio_ReferenceNeverSelected_IsUndefined()
    {
        var di = DisparateImpact.Compute([false, false, true, false], ["m", "m", "f", "f"], privileged: "m");

        Assert.False(di.Ratio.IsDefined);
        Assert.Null(di.BelowThreshold);
        Assert.Contains("'m' has a selection rate of 0", di.Ratio.UndefinedReason);
    }

    [Fact]
    public void UnknownPrivilegedGroup_IsRefusedListingTheGroups()
    {
        var e = Assert.Throws<Keel.Data.KeelDataException>(() => DisparateImpact.Compute(Predicted, Sex, privileged: "Male", feature: "sex"));

        Assert.Contains("'Male' is not a group of 'sex'. The groups are: F, M", e.Message);
    }
}

using Keel.Tuning.Distributions;

namespace Keel.Tuning.Tests.Distributions;

public class DistributionTests
{
    [Fact]
    public void FloatDistribution_LowNotBelowHigh_IsRefusedWithBothValues()
    {
        var e = Assert.Throws<KeelTuningException>(() => new FloatDistribution(1, 1));

        Assert.Contains("low (1) must be below high (1)", e.Message);
    }

    [Fact]
    public void FloatDistribution_LogWithNonPositiveLow_IsRefused_AndEveryProblemIsListed()
    {
        var e = Assert.Throws<KeelTuningException>(() => new FloatDistribution(0, 1, log: true, step: 0.1));

        Assert.Contains("a log scale needs low > 0; low is 0.", e.Message);
        Assert.Contains("a log scale and a step cannot be combined.", e.Message);
    }

    [Fact]
    public void IntDistribution_LogBelowOne_IsRefused()
    {
        Assert.Contains("log scale needs low >= 1", Assert.Throws<KeelTuningException>(() => new IntDistribution(0, 10, log: true)).Message);
    }

    [Fact]
    public void SteppedDistributions_EndOnTheLastGridPoint_AsOptunaAdjustsHigh()
    {
        Assert.Equal(9.0, new FloatDistribution(1, 10, step: 2).High, 12);
        Assert.Equal(9, new IntDistribution(1, 10, step: 2).High);
        Assert.True(new FloatDistribution(1, 10, step: 2).Contains(5));
        Assert.False(new FloatDistribution(1, 10, step: 2).Contains(4));
        Assert.False(new IntDistribution(1, 10, step: 2).Contains(10));
    }

    [Fact]
    public void CategoricalDistribution_RepeatedChoices_AreRefused_AndEqualChoicesAreEqual()
    {
        Assert.Throws<KeelTuningException>(() => new CategoricalDistribution(["a", "a"]));
        Assert.Equal(new CategoricalDistribution(["a", "b"]), new CategoricalDistribution(["a", "b"]));
        Assert.NotEqual(new CategoricalDistribution(["a", "b"]), new CategoricalDistribution(["b", "a"]));
        Assert.Equal("b", new CategoricalDistribution(["a", "b"]).ToExternal(1));
    }

    [Fact]
    public void Distributions_RoundTripThroughJson()
    {
        ParameterDistribution[] all = [new FloatDistribution(0.01, 0.3, log: true), new FloatDistribution(0, 1, step: 0.25), new IntDistribution(8, 256, log: true), new IntDistribution(0, 10, step: 5), new CategoricalDistribution(["gbdt", "dart"])];

        Assert.Equal(all, all.Select(d => ParameterDistribution.FromJson(d.ToJson())));
    }
}

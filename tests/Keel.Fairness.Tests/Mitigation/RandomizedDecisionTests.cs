using Keel.Learn.Models.Decisions;
using Xunit;

namespace Keel.Fairness.Tests.Mitigation;

public class RandomizedDecisionTests
{
    [Fact]
    public void Uniform_SameRowAndSeed_IsTheSame_AndOtherwiseDiffers()
    {
        var decision = new RandomizedDecision(7);
        float[] row = [1.5f, 0f, 3f];
        Assert.Equal(decision.Uniform(row, "A"), decision.Uniform([1.5f, -0f, 3f], "A"));
        Assert.NotEqual(decision.Uniform(row, "A"), decision.Uniform(row, "B"));
        Assert.NotEqual(decision.Uniform(row, "A"), new RandomizedDecision(8).Uniform(row, "A"));
        Assert.NotEqual(decision.Uniform(row, null), decision.Uniform([1.5f, 0f, 3.0001f], null));
    }

    [Fact]
    public void Uniform_OverManyRows_IsUniformOnZeroOne()
    {
        var decision = new RandomizedDecision(42);
        var u = Enumerable.Range(0, 20_000).Select(i => decision.Uniform([i, i % 7], null)).ToArray();
        Assert.All(u, v => Assert.InRange(v, 0, 1 - 1e-16));
        Assert.Equal(0.5, u.Average(), 2);
        for (var k = 0; k < 10; k++) Assert.InRange(u.Count(v => v >= k / 10.0 && v < (k + 1) / 10.0), 1800, 2200);
    }
}

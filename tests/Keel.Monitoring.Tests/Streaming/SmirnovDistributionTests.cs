using Keel.Monitoring.Streaming;

namespace Keel.Monitoring.Tests.Streaming;

public class SmirnovDistributionTests
{
    /// <summary>
    /// SciPy 1.10.1's ks_2samp (default method) on equal-size samples with and without ties (tests/fixtures/make_ks_2samp_fixture.py).
    /// In one case (n = 5, D = 0.2) SciPy's exact sum rounds above 1 and it switches to its asymptotic formula, which
    /// gives 1 there; Keel answers 1 in that case by rule.
    /// </summary>
    [Fact]
    public void TwoSidedTest_EqualsSciPysKs2Samp()
    {
        using var json = RiverExample.Json("streaming_ks_2samp.json");
        foreach (var c in json.RootElement.GetProperty("cases").EnumerateArray())
        {
            var a = c.GetProperty("a").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var b = c.GetProperty("b").EnumerateArray().Select(v => v.GetDouble()).ToArray();

            var (statistic, p) = SmirnovDistribution.TwoSidedTest(a, b);

            Assert.Equal(c.GetProperty("statistic").GetDouble(), statistic);
            Assert.Equal(c.GetProperty("p_value").GetDouble(), p, 1e-14 * Math.Max(1e-300, c.GetProperty("p_value").GetDouble()) + 1e-300);
        }
    }

    [Fact]
    public void TwoSidedTest_SamplesOfDifferentSizesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => SmirnovDistribution.TwoSidedTest([1, 2, 3], [1, 2]));
    }
}

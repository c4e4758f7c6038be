using Keel.Tuning.Samplers;

namespace Keel.Tuning.Tests.Samplers;

/// <summary>Against SciPy 1.10 (scipy.stats.truncnorm / norm); the commands are in each test.</summary>
public class TruncatedNormalTests
{
    [Fact]
    public void LogPdf_MatchesScipyTruncnorm()
    {
        // truncnorm.logpdf(0.3, (-1-0.1)/0.5, (1-0.1)/0.5, loc=0.1, scale=0.5)
        Assert.Equal(-0.2546730254480257, TruncatedNormal.LogPdf(0.3, 0.1, 0.5, -1, 1), 12);
        Assert.Equal(double.NegativeInfinity, TruncatedNormal.LogPdf(1.5, 0.1, 0.5, -1, 1));
    }

    [Fact]
    public void LogIntervalProbability_MatchesScipyTruncnormCdfDifference()
    {
        // np.log(truncnorm.cdf(0.5, a, b, loc=0.1, scale=0.5) - truncnorm.cdf(0.2, a, b, loc=0.1, scale=0.5))
        Assert.Equal(-1.5148536076309853, TruncatedNormal.LogIntervalProbability(0.2, 0.5, 0.1, 0.5, -1, 1), 10);
    }

    [Theory]
    [InlineData(30, 31)]
    [InlineData(-31, -30)]
    public void LogMass_FarInEitherTail_KeepsItsPrecision(double a, double b)
    {
        // np.log(norm.sf(30) - norm.sf(31)) = -454.3212439563433
        Assert.Equal(-454.3212439563433, TruncatedNormal.LogMass(a, b), 6);
    }
}

using Keel.Monitoring.Drift;

namespace Keel.Monitoring.Tests.Drift;

/// <summary>The distributions behind the Kolmogorov–Smirnov p-values, against SciPy 1.10 over every branch it takes.</summary>
public class KolmogorovDistributionTests
{
    /// <summary>scipy.stats.kstwo.sf over n from 1 to 1,000,001 and n·x² from 0.1 to 371 (every method of _kolmogn).</summary>
    [Fact]
    public void Sf_MatchesScipysKstwo()
    {
        foreach (var c in DriftFixture.Array("kstwo_sf"))
        {
            int n = c.GetProperty("n").GetInt32();
            double x = c.GetProperty("x").GetDouble(), expected = c.GetProperty("sf").GetDouble();

            DriftFixture.Close(expected, KolmogorovDistribution.Sf(n, x), 1e-9, $"kstwo.sf({x:R}, {n})", absolute: 1e-300);
        }
    }

    /// <summary>scipy.special.smirnov, the one-sided tail, including n above 1,000,000 where SciPy approximates.</summary>
    [Fact]
    public void OneSidedSf_MatchesScipysSmirnov()
    {
        foreach (var c in DriftFixture.Array("smirnov_sf"))
        {
            int n = c.GetProperty("n").GetInt32();
            double x = c.GetProperty("x").GetDouble(), expected = c.GetProperty("sf").GetDouble();

            DriftFixture.Close(expected, SmirnovDistribution.Sf(n, x), 1e-9, $"smirnov({n}, {x:R})", absolute: 1e-300);
        }
    }

    /// <summary>SciPy's exact two-sample helpers: the alternating sum for m = n, the inside-band recursion otherwise.</summary>
    [Fact]
    public void ExactTwoSampleProbabilities_MatchScipysHelpers()
    {
        foreach (var c in DriftFixture.Array("exact_two_sample"))
        {
            int m = c.GetProperty("m").GetInt32(), n = c.GetProperty("n").GetInt32(), h = c.GetProperty("h").GetInt32();
            var expected = c.GetProperty("p").GetDouble();
            var g = (int)System.Numerics.BigInteger.GreatestCommonDivisor(m, n);

            var p = m == n ? TwoSampleKolmogorovSmirnov.OutsideSquare(n, h) : TwoSampleKolmogorovSmirnov.OutsideBand(m, n, g, h);

            DriftFixture.Close(expected, p, 1e-9, $"exact p(m={m}, n={n}, h={h})", absolute: 1e-300);
        }
    }

    [Fact]
    public void Sf_IsOneAtZeroAndZeroAtOne()
    {
        Assert.Equal(1.0, KolmogorovDistribution.Sf(10, 0));
        Assert.Equal(0.0, KolmogorovDistribution.Sf(10, 1));
        Assert.Equal(1.0, KolmogorovDistribution.Sf(10, 0.04)); // n·x ≤ 1/2
    }
}

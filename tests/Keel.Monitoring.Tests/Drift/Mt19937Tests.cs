using Keel.Monitoring.Drift;

namespace Keel.Monitoring.Tests.Drift;

/// <summary>NumPy's legacy generator, which Evidently's permutation test seeds with 0.</summary>
public class Mt19937Tests
{
    [Fact]
    public void SeedZero_DrawsNumpysFirstWords()
    {
        var expected = DriftFixture.Json.GetProperty("numpy_legacy").GetProperty("seed0_uint32").EnumerateArray().Select(e => e.GetUInt32());
        var random = new Mt19937(0);

        Assert.Equal(expected, Enumerable.Range(0, 5).Select(_ => random.NextUInt32()));
    }

    /// <summary>np.random.seed(0); np.random.permutation(20), then np.random.choice(100, 7, replace=False) from the same stream.</summary>
    [Fact]
    public void Shuffles_AreNumpysPermutationAndChoice()
    {
        var legacy = DriftFixture.Json.GetProperty("numpy_legacy");
        var random = new Mt19937(0);

        Assert.Equal(legacy.GetProperty("permutation20").EnumerateArray().Select(e => e.GetInt32()), Permutation(random, 20));
        Assert.Equal(legacy.GetProperty("choice100_7").EnumerateArray().Select(e => e.GetInt32()), Permutation(random, 100).Take(7));
    }

    private static int[] Permutation(Mt19937 random, int n)
    {
        var a = Enumerable.Range(0, n).ToArray();
        for (var i = n - 1; i >= 1; i--)
        {
            var j = (int)random.Interval((uint)i);
            (a[i], a[j]) = (a[j], a[i]);
        }
        return a;
    }
}

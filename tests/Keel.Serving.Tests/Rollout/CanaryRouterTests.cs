using Keel.Serving.Rollout;

namespace Keel.Serving.Tests.Rollout;

public class CanaryRouterTests
{
    // Values from an independent implementation of 64-bit FNV-1a followed by the SplitMix64 finalizer (Python integers):
    // x = 14695981039346656037; for b in key.encode(): x = ((x ^ b) * 1099511628211) % 2**64; then
    // x ^= x >> 30; x *= 0xBF58476D1CE4E5B9; x ^= x >> 27; x *= 0x94D049BB133111EB; x ^= x >> 31 (mod 2**64).
    [Theory]
    [InlineData("customer-42", 16152883643345075574UL, 0.875649576901015)]
    [InlineData("", 17665956581633026203UL, 0.9576734252420561)]
    [InlineData("7590-VHVEG", 4677702421125484907UL, 0.2535787563612477)]
    [InlineData("é", 2536656207217688990UL, 0.1375124085357129)]
    public void StableHash_IsTheSameInEveryProcess(string key, ulong hash, double position)
    {
        Assert.Equal(hash, CanaryRouter.StableHash(key));
        Assert.Equal(position, CanaryRouter.Position(key), 15);
    }

    [Fact]
    public void RouteKey_TheSameKey_AlwaysGoesTheSameWay()
    {
        var router = new CanaryRouter(0.5);

        var first = Enumerable.Range(0, 200).Select(i => router.RouteKey($"customer-{i}")).ToArray();
        var again = Enumerable.Range(0, 200).Select(i => new CanaryRouter(0.5).RouteKey($"customer-{i}")).ToArray();

        Assert.Equal(first, again);
        Assert.Contains(true, first);
        Assert.Contains(false, first);
    }

    [Fact]
    public void RouteKey_ManyKeys_SendTheShareWithinFourStandardDeviations()
    {
        const int keys = 20_000;
        const double share = 0.1;
        var router = new CanaryRouter(share);

        var routed = Enumerable.Range(0, keys).Count(i => router.RouteKey($"user-{i}"));

        var sd = Math.Sqrt(keys * share * (1 - share)); // binomial: 42.4
        Assert.InRange(routed, keys * share - 4 * sd, keys * share + 4 * sd);
    }

    [Fact]
    public void RouteNext_WithoutKeys_SendsExactlyTheShareRoundedDown()
    {
        var router = new CanaryRouter(0.1);

        var routed = Enumerable.Range(0, 1000).Select(_ => router.RouteNext()).ToArray();

        Assert.Equal(100, routed.Count(r => r));
        Assert.Equal(3, routed.Take(35).Count(r => r));
    }
}

using Keel.Learn.Sampling;

namespace Keel.Monitoring.Tests.Streaming;

public class MersenneTwisterTests
{
    /// <summary>CPython 3.11's random.Random(seed).getrandbits(32) and .sample(range(n), k) (tests/fixtures/make_drift_streams.py).</summary>
    [Fact]
    public void Draws_EqualCPythonsRandomForTheSameSeed()
    {
        using var json = RiverExample.Json("streaming_python_random.json");
        foreach (var c in json.RootElement.GetProperty("cases").EnumerateArray())
        {
            var seed = c.GetProperty("seed").GetInt32();
            var words = new MersenneTwister(seed);
            foreach (var expected in c.GetProperty("getrandbits32").EnumerateArray())
                Assert.Equal(expected.GetUInt32(), words.NextUInt32());

            var samples = new MersenneTwister(seed);
            foreach (var s in c.GetProperty("samples").EnumerateArray())
                foreach (var draw in s.GetProperty("draws").EnumerateArray())
                    Assert.Equal(draw.EnumerateArray().Select(v => v.GetInt32()).ToArray(), samples.Sample(s.GetProperty("n").GetInt32(), s.GetProperty("k").GetInt32()));
        }
    }
}

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

    /// <summary>
    /// CPython 3.11's random(), uniform() and choices() with weights, from:
    /// /usr/bin/python3 -c "import random; r = random.Random(42); print([r.random() for _ in range(3)]);
    /// r = random.Random(42); print(r.uniform(0.15, 0.85)); r = random.Random(7); print([r.choices(range(3), weights=[1, 2, 3])[0] for _ in range(12)])"
    /// </summary>
    [Fact]
    public void DoublesUniformsAndWeightedChoices_EqualCPythonsForTheSameSeed()
    {
        var random = new MersenneTwister(42);
        Assert.Equal(0.6394267984578837, random.NextDouble());
        Assert.Equal(0.025010755222666936, random.NextDouble());
        Assert.Equal(0.27502931836911926, random.NextDouble());

        Assert.Equal(0.5975987589205186, new MersenneTwister(42).Uniform(0.15, 0.85));

        var choices = new MersenneTwister(7);
        Assert.Equal([1, 0, 2, 0, 2, 1, 0, 2, 0, 1, 0, 0], Enumerable.Range(0, 12).Select(_ => choices.Choice([1.0, 2.0, 3.0])).ToArray());

        // A zero weight is never chosen: random.Random(7).choices(range(4), weights=[0.5, 0.0, 2.0, 1.5]).
        var zero = new MersenneTwister(7);
        Assert.Equal([2, 2, 3, 0, 2, 2, 0, 2, 0, 2, 0, 0], Enumerable.Range(0, 12).Select(_ => zero.Choice([0.5, 0.0, 2.0, 1.5])).ToArray());
    }
}

using Keel.Tuning.Distributions;
using Keel.Tuning.Samplers;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Tests.Samplers;

public class RandomSamplerTests
{
    private static SamplingContext Context(int trial) => new(StudyDirection.Minimize, [], trial);

    [Fact]
    public void Sample_IsFixedBySeedTrialAndName_AndDiffersOtherwise()
    {
        var d = new FloatDistribution(0, 1);

        Assert.Equal(new RandomSampler(1).Sample(Context(3), "x", d), new RandomSampler(1).Sample(Context(3), "x", d));
        Assert.NotEqual(new RandomSampler(1).Sample(Context(3), "x", d), new RandomSampler(2).Sample(Context(3), "x", d));
        Assert.NotEqual(new RandomSampler(1).Sample(Context(3), "x", d), new RandomSampler(1).Sample(Context(4), "x", d));
        Assert.NotEqual(new RandomSampler(1).Sample(Context(3), "x", d), new RandomSampler(1).Sample(Context(3), "y", d));
    }

    [Fact]
    public void Sample_StaysInEveryKindOfDistribution_AndCoversALogRangeEvenly()
    {
        ParameterDistribution[] all = [new FloatDistribution(0.01, 0.3, log: true), new FloatDistribution(0, 1, step: 0.25), new IntDistribution(8, 256, log: true), new IntDistribution(0, 10, step: 5), new CategoricalDistribution(["a", "b", "c"])];
        var sampler = new RandomSampler(5);

        foreach (var d in all)
            Assert.All(Enumerable.Range(0, 300).Select(n => sampler.Sample(Context(n), "p", d)), x => Assert.True(d.Contains(x), $"{x} is not in {d.ToJson()}"));
        var logDraws = Enumerable.Range(0, 2000).Select(n => sampler.Sample(Context(n), "lr", all[0])).ToList();
        var belowGeometricMiddle = logDraws.Count(x => x < Math.Sqrt(0.01 * 0.3)) / 2000.0;
        Assert.InRange(belowGeometricMiddle, 0.45, 0.55);
    }
}

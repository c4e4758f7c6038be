using Keel.Tuning.Distributions;
using Keel.Tuning.Samplers;

namespace Keel.Tuning.Tests.Samplers;

/// <summary>
/// The kernels of TPE's density. Expected values are Optuna's (tests/samplers_tests/tpe_tests/test_parzen_estimator.py,
/// test_calculate and test_init_parzen_estimator with consider_prior=True), or worked out by hand from its definition.
/// </summary>
public class ParzenEstimatorTests
{
    private static readonly FloatDistribution MinusOneToOne = new(-1, 1);

    [Fact]
    public void NoObservations_LeaveOnlyThePrior_InTheMiddleWithTheRangeAsBandwidth()
    {
        var e = new ParzenEstimator([], MinusOneToOne, magicClip: false, endpoints: true);

        Assert.Equal([1.0], e.Weights);
        Assert.Equal([0.0], e.Mus);
        Assert.Equal([2.0], e.Sigmas);
    }

    [Fact]
    public void OneObservation_TakesTheLargerGapToItsNeighbours_OptunaTestCalculate()
    {
        var e = new ParzenEstimator([0.4], MinusOneToOne, magicClip: false, endpoints: true);

        Assert.Equal([0.5, 0.5], e.Weights);
        Assert.Equal([0.4, 0.0], e.Mus);
        Assert.Equal(0.6, e.Sigmas[0], 12);
        Assert.Equal(2.0, e.Sigmas[1], 12);
    }

    [Theory]
    [InlineData(true, 0.6)]
    [InlineData(false, 0.4)]
    public void TwoObservations_WithAndWithoutEndpoints_OptunaTestCalculate(bool endpoints, double sigma)
    {
        var e = new ParzenEstimator([-0.4, 0.4], MinusOneToOne, magicClip: false, endpoints: endpoints);

        Assert.All(e.Weights, w => Assert.Equal(1.0 / 3, w, 12));
        Assert.Equal(sigma, e.Sigmas[0], 12);
        Assert.Equal(sigma, e.Sigmas[1], 12);
        Assert.Equal(2.0, e.Sigmas[2], 12);
    }

    [Fact]
    public void MagicClip_RaisesNarrowBandwidths_ToTheRangeOverOnePlusKernels()
    {
        // Sorted with the prior's mean: -1 | -0.4, 0, 0.4, 0.41, 0.42 | 1. Gaps give 0.4 (outer: inner gap), 0.4, 0.01,
        // 0.01 (outer: inner gap); the clip's floor is 2 / min(100, 1 + 5 kernels) = 1/3.
        var e = new ParzenEstimator([-0.4, 0.4, 0.41, 0.42], MinusOneToOne);

        Close([0.4, 0.4, 1.0 / 3, 1.0 / 3, 2.0], e.Sigmas);
    }

    [Fact]
    public void LogAndSteppedParameters_GetKernelsInTheirTransformedRange_OptunaTestInitParzenEstimator()
    {
        var log = new ParzenEstimator([1.0], new FloatDistribution(1, 100, log: true), magicClip: false);
        var stepped = new ParzenEstimator([1.0], new FloatDistribution(1, 100, step: 3), magicClip: false);
        var integer = new ParzenEstimator([1.0], new IntDistribution(1, 100), magicClip: false);
        var logInteger = new ParzenEstimator([1.0], new IntDistribution(1, 100, log: true), magicClip: false);

        Close([0, Math.Log(100) / 2], log.Mus);
        Close([Math.Log(100) / 2, Math.Log(100)], log.Sigmas);
        Close([49.5, 102.0], stepped.Sigmas);
        Close([49.5, 100.0], integer.Sigmas);
        Assert.Equal((Math.Log(100.5) + Math.Log(0.5)) / 2, logInteger.Mus[1], 12);
        Assert.Equal(Math.Log(100.5) - Math.Log(0.5), logInteger.Sigmas[1], 12);
    }

    [Fact]
    public void Categorical_KernelsAddThePriorWeightOverKernelsToEveryChoice_OptunaTestInitParzenEstimator()
    {
        var three = new ParzenEstimator([1.0], new CategoricalDistribution(["x", "y", "z"]));
        var four = new ParzenEstimator([1.0], new CategoricalDistribution(["a", "b", "c", "d"]));

        Close([0.2, 0.6, 0.2], three.ChoiceProbabilities[0]);
        Assert.All(three.ChoiceProbabilities[1], p => Assert.Equal(1.0 / 3, p, 12));
        Close([1.0 / 6, 0.5, 1.0 / 6, 1.0 / 6], four.ChoiceProbabilities[0]);
        Assert.Equal(Math.Log(0.5 * 0.6 + 0.5 / 3), three.LogPdf(1), 12);
    }

    [Fact]
    public void DefaultWeights_AreFlatUpTo25_ThenRampTheOldestFromOneOverN()
    {
        var thirty = ParzenEstimator.DefaultWeights(30);

        Assert.Equal(Enumerable.Repeat(1.0, 24), ParzenEstimator.DefaultWeights(24));
        Assert.Equal(30, thirty.Length);
        Close([1.0 / 30, 0.275, 31.0 / 60, 91.0 / 120, 1.0], thirty.Take(5).ToArray()); // np.linspace(1 / 30, 1, 5)
        Assert.All(thirty.Skip(5), w => Assert.Equal(1.0, w));
    }

    [Fact]
    public void Samples_StayInTheDistribution()
    {
        var random = new Random(3);
        var integer = new IntDistribution(1, 100, log: true);
        var stepped = new FloatDistribution(0, 1, step: 0.25);

        Assert.All(new ParzenEstimator([3, 50], integer).Sample(random, 200), x => Assert.True(integer.Contains(x), $"{x}"));
        Assert.All(new ParzenEstimator([0.25], stepped).Sample(random, 200), x => Assert.True(stepped.Contains(x), $"{x}"));
    }

    private static void Close(double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
    }
}

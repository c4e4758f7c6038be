using Keel.Tuning.Distributions;
using Keel.Tuning.Samplers;
using Keel.Tuning.Studies;
using Xunit.Abstractions;

namespace Keel.Tuning.Tests.Samplers;

public class TpeSamplerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(100, 10)]
    [InlineData(249, 25)]
    [InlineData(1000, 25)]
    public void Gamma_IsOptunasDefault_CeilOfATenthCappedAt25(int n, int expected) => Assert.Equal(expected, TpeSampler.Gamma(n));

    [Fact]
    public void Split_TakesTheBestCompleteTrials_ThenPrunedOnesThatGotFurthest_EachByNumber()
    {
        List<FrozenTrial> trials = [History.Complete(0, 0.5), History.Complete(1, 0.9), History.Pruned(2, (1, 0.95)), History.Pruned(3, (1, 0.7), (2, 0.8)), History.Complete(4, 0.7)];

        var (below, above) = TpeSampler.Split(trials, 4, StudyDirection.Maximize);
        var (belowMin, _) = TpeSampler.Split(trials, 1, StudyDirection.Minimize);

        Assert.Equal([0, 1, 3, 4], below.Select(t => t.Number));
        Assert.Equal([2], above.Select(t => t.Number));
        Assert.Equal([0], belowMin.Select(t => t.Number));
    }

    [Fact]
    public void Sample_BeforeTheStartupTrials_IsTheRandomSamplersDraw()
    {
        var x = new FloatDistribution(-5, 5);
        var context = new SamplingContext(StudyDirection.Minimize, [History.Complete(0, 1).WithParam("x", x, 1)], 1);

        Assert.Equal(new RandomSampler(7).Sample(context, "x", x), new TpeSampler(new TpeSamplerOptions { Seed = 7 }).Sample(context, "x", x));
    }

    [Fact]
    public void Sample_AfterStartup_MovesTowardsTheGoodTrials()
    {
        var x = new FloatDistribution(-10, 10);
        var history = Enumerable.Range(0, 30).Select(i => -10 + i * 20.0 / 29).Select((v, i) => History.Complete(i, Math.Abs(v - 6)).WithParam("x", x, v)).ToList();
        var tpe = new TpeSampler();

        var draws = Enumerable.Range(30, 20).Select(n => tpe.Sample(new SamplingContext(StudyDirection.Minimize, history, n), "x", x)).ToList();

        Assert.True(draws.Average(d => Math.Abs(d - 6)) < 1.5, $"TPE's draws average {draws.Average(d => Math.Abs(d - 6)):0.00} away from the good region at 6");
    }

    /// <summary>Branin (Dixon &amp; Szegő 1978) on [-5, 10] × [0, 15]; its minimum is 0.397887.</summary>
    private static double Branin(Trial t)
    {
        var x1 = t.SuggestFloat("x1", -5, 10);
        var x2 = t.SuggestFloat("x2", 0, 15);
        var b = 5.1 / (4 * Math.PI * Math.PI);
        var c = 5 / Math.PI;
        return Math.Pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - 1 / (8 * Math.PI)) * Math.Cos(x1) + 10;
    }

    private static double Quadratic(Trial t)
    {
        var x = t.SuggestFloat("x", -10, 10);
        var y = t.SuggestInt("y", -10, 10);
        return (x - 2) * (x - 2) + (y + 3) * (y + 3);
    }

    private static double MeanBest(Func<int, ISampler> sampler, Func<Trial, double> objective, int trials, int seeds) =>
        Enumerable.Range(1, seeds).Average(seed =>
        {
            var study = Study.Open("s", new InMemoryStudyStorage(), StudyDirection.Minimize, sampler(seed));
            study.Optimize(objective, new OptimizeOptions { Trials = trials });
            return study.BestTrial!.Value!.Value;
        });

    [Fact]
    public void Tpe_BeatsRandomSearch_OnBraninAndAQuadratic_Over60TrialsAveragedOver10Seeds()
    {
        var tpeBranin = MeanBest(s => new TpeSampler(new TpeSamplerOptions { Seed = s }), Branin, 60, 10);
        var randomBranin = MeanBest(s => new RandomSampler(s), Branin, 60, 10);
        var tpeQuadratic = MeanBest(s => new TpeSampler(new TpeSamplerOptions { Seed = s }), Quadratic, 60, 10);
        var randomQuadratic = MeanBest(s => new RandomSampler(s), Quadratic, 60, 10);
        output.WriteLine($"Branin: TPE {tpeBranin:0.0000}, random {randomBranin:0.0000}; quadratic: TPE {tpeQuadratic:0.0000}, random {randomQuadratic:0.0000}");

        Assert.True(tpeBranin < randomBranin, $"Branin: TPE {tpeBranin}, random {randomBranin}");
        Assert.True(tpeQuadratic < randomQuadratic, $"quadratic: TPE {tpeQuadratic}, random {randomQuadratic}");
    }
}

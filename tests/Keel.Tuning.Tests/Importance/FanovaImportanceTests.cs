using Keel.Store;
using Keel.Tuning.Distributions;
using Keel.Tuning.Importance;
using Keel.Tuning.Samplers;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Tests.Importance;

public sealed class FanovaImportanceTests
{
    private static IReadOnlyList<FrozenTrial> Run(Func<Trial, double> objective, int trials = 60, int seed = 1)
    {
        var study = Study.Open("importance", new InMemoryStudyStorage(), StudyDirection.Minimize, new RandomSampler(seed));
        study.Optimize(objective, new OptimizeOptions { Trials = trials });
        return study.Trials;
    }

    private static FrozenTrial Complete(int number, double value, params (string Name, ParameterDistribution Distribution, double Value)[] parameters) =>
        new(number, TrialState.Complete, value, parameters.ToDictionary(p => p.Name, p => new ParameterValue(p.Distribution, p.Value)), new Dictionary<int, double>());

    [Fact]
    public void OnlyOneOfThreeParametersMatters_ItGetsMoreThan80PercentOfTheImportance()
    {
        var trials = Run(t =>
        {
            var x = t.SuggestFloat("x", -5, 5);
            t.SuggestFloat("rate", 0.001, 1, log: true);
            t.SuggestCategorical("kind", ["a", "b", "c"]);
            return (x - 2) * (x - 2);
        });

        var result = FanovaImportance.Evaluate(trials);

        Assert.Null(result.Reason);
        Assert.Equal(60, result.Trials);
        Assert.True(result["x"] > 0.8, $"x: {result["x"]}");
        Assert.Equal("x", result.Parameters[0].Name);
        Assert.Equal(1.0, result.Parameters.Sum(p => p.Importance), 12);
    }

    [Fact]
    public void TheDocumentedExample_GivesXNearlyEverything()
    {
        var trials = Run(t => 10 * t.SuggestFloat("x", 0, 1) + 0.1 * t.SuggestFloat("y", 0, 1));

        var result = FanovaImportance.Evaluate(trials);

        Assert.InRange(result["x"]!.Value, 0.97, 1.0);
        Assert.InRange(result["y"]!.Value, 0.0, 0.03);
    }

    [Fact]
    public void AConstantParameter_GetsZero()
    {
        var x = new FloatDistribution(0, 1);
        var fixedRate = new FloatDistribution(0.01, 1, log: true);
        var single = new CategoricalDistribution(["only"]);
        var trials = Enumerable.Range(0, 20).Select(i => Complete(i, Math.Sin(i), ("x", x, (i * 7 % 20) / 20.0), ("rate", fixedRate, 0.1), ("mode", single, 0))).ToList();

        var result = FanovaImportance.Evaluate(trials);

        Assert.Equal(0.0, result["rate"]);
        Assert.Equal(0.0, result["mode"]);
        Assert.Equal(1.0, result["x"]!.Value, 12);
    }

    [Fact]
    public void ASingleParameter_ExplainsEverything()
    {
        var trials = Run(t => Math.Abs(t.SuggestInt("n", 1, 100, log: true) - 10), trials: 20);

        var result = FanovaImportance.Evaluate(trials);

        Assert.Equal("n", Assert.Single(result.Parameters).Name);
        Assert.Equal(1.0, result["n"]!.Value, 12);
    }

    [Fact]
    public void AConditionalParameter_IsListedApart_AndTheOthersStillSumToOne()
    {
        var trials = Run(t =>
        {
            var penalty = t.SuggestCategorical("penalty", ["l2", "elastic_net"]);
            var l2 = t.SuggestFloat("l2", 0.0001, 10, log: true);
            var l1 = penalty == "elastic_net" ? t.SuggestFloat("l1", 0.0001, 10, log: true) : 0;
            return Math.Log(l2) * Math.Log(l2) + l1;
        }, trials: 40);

        var result = FanovaImportance.Evaluate(trials);

        Assert.Equal(["l1"], result.Conditional);
        Assert.Equal(["l2", "penalty"], result.Parameters.Select(p => p.Name));
        Assert.Equal(1.0, result.Parameters.Sum(p => p.Importance), 12);
        Assert.True(result["l2"] > result["penalty"]);
    }

    [Fact]
    public void FewerThanTwoCompleteTrials_GiveNoImportance_AndSayWhy()
    {
        var x = new FloatDistribution(0, 1);
        var trials = new[]
        {
            Complete(0, 1.0, ("x", x, 0.2)),
            new FrozenTrial(1, TrialState.Pruned, 0.5, new Dictionary<string, ParameterValue> { ["x"] = new(x, 0.7) }, new Dictionary<int, double> { [1] = 0.5 }),
        };

        var result = FanovaImportance.Evaluate(trials);

        Assert.Empty(result.Parameters);
        Assert.Equal(1, result.Trials);
        Assert.Contains("at least 2 complete trials", result.Reason);
    }

    [Fact]
    public void TrialsThatAllScoreTheSame_GiveNoImportance_AndSayWhy()
    {
        var x = new FloatDistribution(0, 1);

        var result = FanovaImportance.Evaluate([Complete(0, 3, ("x", x, 0.1)), Complete(1, 3, ("x", x, 0.9))]);

        Assert.Empty(result.Parameters);
        Assert.Contains("same value", result.Reason);
    }

    [Fact]
    public void TheSameSeed_GivesTheSameImportances_AnotherSeedOtherSpreads()
    {
        var trials = Run(t => t.SuggestFloat("x", 0, 1) * t.SuggestFloat("y", 0, 1) + t.SuggestFloat("z", 0, 1) * 0.3, trials: 30);

        var a = FanovaImportance.Evaluate(trials, new FanovaOptions { Seed = 3 });
        var b = FanovaImportance.Evaluate(trials, new FanovaOptions { Seed = 3 });
        var c = FanovaImportance.Evaluate(trials, new FanovaOptions { Seed = 4 });

        Assert.Equal(a.Parameters, b.Parameters);
        Assert.NotEqual(a.Parameters, c.Parameters);
    }

    [Fact]
    public void BadOptions_AreRefusedTogether()
    {
        var e = Assert.Throws<KeelTuningException>(() => FanovaImportance.Evaluate([], new FanovaOptions { Trees = 0, MaxDepth = 0 }));

        Assert.Contains("Trees", e.Message);
        Assert.Contains("MaxDepth", e.Message);
    }

    /// <summary>
    /// f = 4 when x1 &gt; 0.5 and x2 &gt; 0.5, else 0, on the unit square: E f = 1, V = 16/4 − 1 = 3, and each main
    /// effect takes the values 2 − 1 and 0 − 1 with probability 1/2, so V_1 = V_2 = 1: each explains a third, the
    /// interaction the last third (the textbook case of Hutter et al.'s decomposition).
    /// </summary>
    [Fact]
    public void Decompose_AProductOfTwoSteps_GivesEachMainEffectAThird()
    {
        var tree = RegressionTree.FromNodes(
            (0, 0.5, 1, 2, 1.0),
            (-1, 0, -1, -1, 0.0),
            (1, 0.5, 3, 4, 2.0),
            (-1, 0, -1, -1, 0.0),
            (-1, 0, -1, -1, 4.0));
        var unit = new AnovaDimension(0, 1, 0);

        var (total, main) = FunctionalAnova.Decompose(tree, [unit, unit, unit]);

        Assert.Equal(3.0, total, 12);
        Assert.Equal(1.0, main[0], 12);
        Assert.Equal(1.0, main[1], 12);
        Assert.Equal(0.0, main[2], 12);
    }

    /// <summary>A split at 0.2 of [0, 1]: f = 1 on a fifth of the range, 0 elsewhere; V = 0.2 · 0.8 = 0.16, all of it x's main effect.</summary>
    [Fact]
    public void Decompose_AnUnevenSplit_WeighsEachSideByItsWidth()
    {
        var tree = RegressionTree.FromNodes((0, 0.2, 1, 2, 0.5), (-1, 0, -1, -1, 1.0), (-1, 0, -1, -1, 0.0));

        var (total, main) = FunctionalAnova.Decompose(tree, [new AnovaDimension(0, 1, 0)]);

        Assert.Equal(0.16, total, 12);
        Assert.Equal(0.16, main[0], 12);
    }
}

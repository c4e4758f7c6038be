using System.Text.Json;
using Keel.Learn.Decisions;

namespace Keel.Learn.Tests.Decisions;

public sealed class ThresholdOptimizerTests
{
    private sealed record FixtureCase(string Name, double[] Scores, int[] Labels, Dictionary<string, double> Value, JsonElement[] Thresholds,
        double[] PerDecision, int[][] Confusions, JsonElement BestThreshold, double BestPerDecision, double AtHalf, double Everyone, double NoOne);

    private sealed record Fixture(FixtureCase[] Cases);

    /// <summary>Value per threshold computed with scikit-learn's roc_curve cut points and numpy confusion matrices (tests/fixtures/make_threshold_value_fixture.py).</summary>
    public static TheoryData<string> Cases() => new(Load().Cases.Select(c => c.Name));

    private static Fixture Load() => JsonSerializer.Deserialize<Fixture>(File.ReadAllText(TestData.Fixture("threshold_value_sklearn.json")),
        new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;

    private static double Threshold(JsonElement e) => e.ValueKind == JsonValueKind.String ? double.PositiveInfinity : e.GetDouble();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Choose_MatchesScikitLearnCutPointsAndNumpyValues(string name)
    {
        var c = Load().Cases.Single(x => x.Name == name);
        var value = DecisionValue.Of(c.Value["tp"], c.Value["fp"], c.Value["fn"], c.Value["tn"]);

        var choice = ThresholdOptimizer.Choose(c.Scores, c.Labels, value);

        Assert.Equal(c.Thresholds.Select(Threshold), choice.Curve.Select(p => p.Threshold));
        for (var k = 0; k < c.PerDecision.Length; k++)
        {
            Assert.Equal(c.PerDecision[k], choice.Curve[k].PerDecision, 10);
            var confusion = choice.Curve[k].Confusion;
            Assert.Equal(c.Confusions[k], new[] { confusion.TruePositives, confusion.FalsePositives, confusion.FalseNegatives, confusion.TrueNegatives }.Select(v => (int)v));
        }
        Assert.Equal(Threshold(c.BestThreshold), choice.Threshold);
        Assert.Equal(c.BestPerDecision, choice.Chosen.PerDecision, 10);
        Assert.Equal(c.AtHalf, choice.AtDefault.PerDecision, 10);
        Assert.Equal(c.Everyone, choice.Everyone.PerDecision, 10);
        Assert.Equal(c.NoOne, choice.NoOne.PerDecision, 10);
        Assert.Equal(c.Scores.Length, choice.Rows);
    }

    [Fact]
    public void Choose_DocumentedExample_ActsOnTheThreeHighestScores()
    {
        var value = DecisionValue.Of(tp: 450, fp: -50, fn: -500, tn: 0);

        var choice = ThresholdOptimizer.Choose([0.9, 0.6, 0.3, 0.1], [1, 0, 1, 0], value);

        Assert.Equal(0.3, choice.Threshold);
        Assert.Equal(212.5, choice.Chosen.PerDecision);
        Assert.Equal(850, choice.Chosen.Total);
        Assert.Equal(-25, choice.AtDefault.PerDecision); // 0.5 acts on 0.9 and 0.6: 450 − 50 − 500
        Assert.Equal(-250, choice.NoOne.PerDecision);
        Assert.Equal(200, choice.Everyone.PerDecision);
    }

    [Fact]
    public void Choose_TiedScores_AreDecidedTogether()
    {
        // Acting on one 0.7 but not the other would be worth most (the positive alone), but tied rows share one cut point.
        var choice = ThresholdOptimizer.Choose([0.7, 0.7, 0.2], [1, 0, 0], DecisionValue.Of(tp: 10, fp: -8, fn: 0, tn: 0));

        Assert.Equal([double.PositiveInfinity, 0.7, 0.2], choice.Curve.Select(p => p.Threshold));
        Assert.Equal(0.7, choice.Threshold);
        Assert.Equal(2.0 / 3, choice.Chosen.PerDecision, 12);
    }

    [Fact]
    public void Choose_EqualValues_PreferTheHighestThreshold()
    {
        // Negatives cost nothing to act on, so every threshold that catches the positive is worth the same.
        var choice = ThresholdOptimizer.Choose([0.9, 0.4, 0.1], [1, 0, 0], DecisionValue.Of(tp: 5, fp: 0, fn: 0, tn: 0));

        Assert.Equal(0.9, choice.Threshold);
    }

    [Fact]
    public void Choose_BadInput_IsRefusedWithWhatIsWrong()
    {
        var value = DecisionValue.Of(1, -1, -1, 0);

        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => ThresholdOptimizer.Choose([0.2, double.NaN], [0, 1], value)).Message);
        Assert.Contains("labels must be 0 or 1", Assert.Throws<ArgumentException>(() => ThresholdOptimizer.Choose([0.2, 0.3], [0, 2], value)).Message);
        Assert.Contains("2 scores but 1 labels", Assert.Throws<ArgumentException>(() => ThresholdOptimizer.Choose([0.2, 0.3], [0], value)).Message);
        Assert.Contains("needs validation rows", Assert.Throws<KeelLearnException>(() => ThresholdOptimizer.Choose([], [], value)).Message);
    }

    [Fact]
    public void Thinned_KeepsTheEndsAndTheChosenPoint()
    {
        var random = new Random(5);
        var scores = Enumerable.Range(0, 2000).Select(_ => random.NextDouble()).ToArray();
        var labels = scores.Select(s => random.NextDouble() < s ? 1 : 0).ToArray();
        var choice = ThresholdOptimizer.Choose(scores, labels, DecisionValue.Of(40, -7, -3, 0));

        var thin = choice.Thinned(101);

        Assert.Equal(2001, choice.Curve.Count);
        Assert.InRange(thin.Curve.Count, 100, 101);
        Assert.Equal(choice.Curve[0], thin.Curve[0]);
        Assert.Equal(choice.Curve[^1], thin.Curve[^1]);
        Assert.Contains(choice.Chosen, thin.Curve);
        Assert.True(thin.Curve.Zip(thin.Curve.Skip(1)).All(p => p.First.Threshold > p.Second.Threshold));
    }

    [Fact]
    public void DecisionEvaluation_ValuesTheThresholdAndTheAlternatives()
    {
        var value = DecisionValue.Of(tp: 450, fp: -50, fn: -500, tn: 0);

        var evaluation = DecisionEvaluation.Of(value, [0.9, 0.6, 0.3, 0.1], [1, 0, 1, 0], 0.3);

        Assert.Equal(850, evaluation.AtThreshold.Total);
        Assert.Equal(212_500, evaluation.AtThreshold.PerThousand);
        Assert.Equal(-100, evaluation.AtDefault.Total);
        Assert.Equal(800, evaluation.Everyone.Total);
        Assert.Equal(-1000, evaluation.NoOne.Total);
    }
}

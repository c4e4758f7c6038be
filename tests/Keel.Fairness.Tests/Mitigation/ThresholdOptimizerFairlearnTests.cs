using Keel.Fairness.Mitigation;
using Xunit;

namespace Keel.Fairness.Tests.Mitigation;

/// <summary>
/// Fairlearn's threshold-optimizer tests (fairlearn/fairlearn, test/unit/postprocessing/test_threshold_optimization.py
/// with the data of test/unit/postprocessing/conftest.py: <c>scores_ex</c>, <c>labels_ex</c>,
/// <c>sensitive_features_ex1</c> and <c>_ex2</c>, <c>flip=True</c>): the same P(positive) per group and score, and
/// the same average rates per group.
/// </summary>
public class ThresholdOptimizerFairlearnTests
{
    private static readonly double[] Scores = "00112330001111011112".Select(c => (double)(c - '0')).ToArray();
    private static readonly int[] Labels = "01101000010111000111".Select(c => c - '0').ToArray();
    private const string Example1 = "AAAAAAABBBBBBBCCCCCC";
    private const string Example2 = "xxxYYYYxYYYYYxYYYYYY";

    private static Keel.Learn.Models.Decisions.GroupThresholds Fit(string groups, MitigationConstraint constraint)
    {
        var names = groups.Distinct().OrderBy(c => c).Select(c => c.ToString()).ToArray();
        var codes = groups.Select(c => Array.IndexOf(names, c.ToString())).ToArray();
        return ThresholdOptimizer.FitScores(Scores, Labels, codes, names, "a", new ThresholdOptimizerOptions { Constraint = constraint, Flip = true }).Thresholds;
    }

    [Fact]
    public void DemographicParity_FairlearnExample_GivesFairlearnsProbabilities()
    {
        var t = Fit(Example1, MitigationConstraint.DemographicParity);
        Assert.Equal(0.8008, t.PositiveProbability("A", 0), 9);
        Assert.Equal(0.8008, t.PositiveProbability("A", 2.499), 9);
        Assert.Equal(0, t.PositiveProbability("A", 2.5));
        Assert.Equal(0, t.PositiveProbability("A", 100));
        Assert.Equal(0.00133333333333, t.PositiveProbability("B", 0), 9);
        Assert.Equal(0.00133333333333, t.PositiveProbability("B", 0.5), 9);
        Assert.Equal(1, t.PositiveProbability("B", 0.51));
        Assert.Equal(1, t.PositiveProbability("B", 100));
        Assert.Equal(0, t.PositiveProbability("C", 0.5));
        Assert.Equal(0.608, t.PositiveProbability("C", 0.51), 9);
        Assert.Equal(0.608, t.PositiveProbability("C", 1.5), 9);
        Assert.Equal(1, t.PositiveProbability("C", 1.51));
        foreach (var g in new[] { "A", "B", "C" })
            Assert.Equal(0.572, AverageProbability(t, Example1, g, label: null), 9);
    }

    [Fact]
    public void EqualizedOdds_FairlearnExample_GivesFairlearnsProbabilities()
    {
        var t = Fit(Example1, MitigationConstraint.EqualizedOdds);
        const double constant = 0.334;
        var ignoreA = 0.001996007984031716;
        Assert.Equal(constant * ignoreA + (1 - ignoreA) * 0.668, t.PositiveProbability("A", 0), 9);
        Assert.Equal(constant * ignoreA, t.PositiveProbability("A", 2.5), 12);
        var ignoreB = 0.1991991991991991;
        Assert.Equal(constant * ignoreB + (1 - ignoreB) * 0.001, t.PositiveProbability("B", 0.5), 9);
        Assert.Equal(constant * ignoreB + 1 - ignoreB, t.PositiveProbability("B", 0.51), 12);
        Assert.Equal(0, t.PositiveProbability("C", 0.5));
        Assert.Equal(0.501, t.PositiveProbability("C", 1), 9);
        Assert.Equal(1, t.PositiveProbability("C", 1.51), 12);
        Assert.Equal(ignoreA, t.Groups[0].PIgnore, 12);
        Assert.Equal(ignoreB, t.Groups[1].PIgnore, 12);
        Assert.Equal(0, t.Groups[2].PIgnore);
        foreach (var g in new[] { "A", "B", "C" })
        {
            Assert.Equal(0.334, AverageProbability(t, Example1, g, label: 0), 6);
            Assert.Equal(0.66733333, AverageProbability(t, Example1, g, label: 1), 6);
        }
    }

    [Theory]
    [InlineData(Example1, 0.572)]
    [InlineData(Example2, 0.4)]
    public void DemographicParity_FairlearnEndToEnd_EqualRatesPerGroup(string groups, double rate)
    {
        var t = Fit(groups, MitigationConstraint.DemographicParity);
        foreach (var g in groups.Distinct().Select(c => c.ToString()))
            Assert.Equal(rate, AverageProbability(t, groups, g, label: null), 9);
    }

    [Theory]
    [InlineData(Example1, 0.66733333, 0.334)]
    [InlineData(Example2, 0.888, 0.666)]
    public void EqualizedOdds_FairlearnEndToEnd_EqualRatesPerGroupAndLabel(string groups, double positiveRate, double negativeRate)
    {
        var t = Fit(groups, MitigationConstraint.EqualizedOdds);
        foreach (var g in groups.Distinct().Select(c => c.ToString()))
        {
            Assert.Equal(positiveRate, AverageProbability(t, groups, g, label: 1), 6);
            Assert.Equal(negativeRate, AverageProbability(t, groups, g, label: 0), 6);
        }
    }

    [Fact]
    public void EqualOpportunity_FairlearnExample_EqualTruePositiveRates()
    {
        var t = Fit(Example1, MitigationConstraint.EqualOpportunity);
        var rates = new[] { "A", "B", "C" }.Select(g => AverageProbability(t, Example1, g, label: 1)).ToArray();
        Assert.All(rates, r => Assert.Equal(rates[0], r, 9));
    }

    [Fact]
    public void Fit_GroupWithOneLabel_IsRefusedWithItsName()
    {
        var names = new[] { "A", "B" };
        var codes = Enumerable.Range(0, 20).Select(i => i < 4 ? 0 : 1).ToArray();
        var labels = Enumerable.Range(0, 20).Select(i => i < 4 ? 1 : i % 2).ToArray();
        var e = Assert.Throws<Keel.Learn.KeelLearnException>(() => ThresholdOptimizer.FitScores(Scores, labels, codes, names, "a", new ThresholdOptimizerOptions()));
        Assert.Contains("'A'", e.Message);
    }

    private static double AverageProbability(Keel.Learn.Models.Decisions.GroupThresholds t, string groups, string group, int? label)
    {
        var rows = Enumerable.Range(0, groups.Length).Where(i => groups[i].ToString() == group && (label is null || Labels[i] == label)).ToArray();
        return rows.Average(i => t.PositiveProbability(group, Scores[i]));
    }
}

using Keel.Fairness.Metrics;
using static Keel.Fairness.Tests.Metrics.FairlearnExample;

namespace Keel.Fairness.Tests.Metrics;

/// <summary>Fairlearn's named measures on its documented example (common_fairness_metrics.rst).</summary>
public class FairnessMeasuresTests
{
    [Fact]
    public void DemographicParityDifference_FairlearnExample_Is025()
    {
        Assert.Equal(0.25, FairnessMeasures.DemographicParityDifference(YPred, Groups).Value!.Value, 12);
    }

    [Fact]
    public void DemographicParityRatio_FairlearnExample_IsTwoThirds()
    {
        Assert.Equal(2.0 / 3, FairnessMeasures.DemographicParityRatio(YPred, Groups).Value!.Value, 12);
    }

    [Fact]
    public void EqualizedOddsDifference_FairlearnExample_Is1()
    {
        Assert.Equal(1.0, FairnessMeasures.EqualizedOddsDifference(YTrue, YPred, Groups).Value!.Value, 12);
    }

    [Fact]
    public void EqualizedOddsRatio_FairlearnExample_Is0()
    {
        Assert.Equal(0.0, FairnessMeasures.EqualizedOddsRatio(YTrue, YPred, Groups).Value!.Value, 12);
    }

    [Fact]
    public void EqualizedOdds_MeanAggregation_AveragesTheTwoRates()
    {
        // By group: TPR a 0.5, b 0.6, c 0.4 (difference 0.2, ratio 2/3); FPR a 1, b 0, c 2/3 (difference 1, ratio 0).
        Assert.Equal(0.6, FairnessMeasures.EqualizedOddsDifference(YTrue, YPred, Groups, agg: EqualizedOddsAggregation.Mean).Value!.Value, 12);
        Assert.Equal(1.0 / 3, FairnessMeasures.EqualizedOddsRatio(YTrue, YPred, Groups, agg: EqualizedOddsAggregation.Mean).Value!.Value, 12);
    }

    [Fact]
    public void EqualOpportunity_FairlearnExample_IsTheTruePositiveRateGap()
    {
        Assert.Equal(0.2, FairnessMeasures.EqualOpportunityDifference(YTrue, YPred, Groups).Value!.Value, 12);
        Assert.Equal(0.4 / 0.6, FairnessMeasures.EqualOpportunityRatio(YTrue, YPred, Groups).Value!.Value, 12);
    }

    [Fact]
    public void ToOverall_FairlearnExample_MatchesMetricFrameToOverall()
    {
        // perform_fairness_assessment.rst: difference(method='to_overall') sel 0.194444, ratio 0.740741; tpr 0.1, 0.8.
        Assert.Equal(0.194444, FairnessMeasures.DemographicParityDifference(YPred, Groups, GroupMethod.ToOverall).Value!.Value, 6);
        Assert.Equal(0.740741, FairnessMeasures.DemographicParityRatio(YPred, Groups, GroupMethod.ToOverall).Value!.Value, 6);
        Assert.Equal(0.1, FairnessMeasures.EqualOpportunityDifference(YTrue, YPred, Groups, GroupMethod.ToOverall).Value!.Value, 12);
        Assert.Equal(0.8, FairnessMeasures.EqualOpportunityRatio(YTrue, YPred, Groups, GroupMethod.ToOverall).Value!.Value, 12);
    }

    [Fact]
    public void SelectionRate_IsTheShareOfPositivePredictions()
    {
        Assert.Equal(10.0 / 18, FairnessMeasures.SelectionRate(YPred).Value!.Value, 12);
        Assert.False(FairnessMeasures.SelectionRate([]).IsDefined);
    }

    [Fact]
    public void DemographicParityRatio_NobodySelected_IsUndefinedWithTheReason()
    {
        var ratio = FairnessMeasures.DemographicParityRatio([false, false, false, false], ["a", "a", "b", "b"]);

        Assert.False(ratio.IsDefined);
        Assert.Null(ratio.Value);
        Assert.Contains("largest group selection_rate, which is 0", ratio.UndefinedReason);
    }

    [Fact]
    public void EqualOpportunity_GroupWithoutPositives_IsLeftOutAndNamed()
    {
        // Group c has no positive labels: its true positive rate is undefined, so the gap is between a and b alone.
        bool[] yTrue = [true, true, true, false, false, false];
        bool[] yPred = [true, false, true, true, true, false];
        string[] groups = ["a", "a", "b", "b", "c", "c"];

        var gap = FairnessMeasures.EqualOpportunityDifference(yTrue, yPred, groups);

        Assert.Equal(0.5, gap.Value!.Value, 12);
        Assert.Contains("c (the group has no positive labels)", gap.Note);
    }

    [Fact]
    public void EqualizedOdds_OnlyOneGroupHasPositives_IsUndefinedWithTheReason()
    {
        bool[] yTrue = [true, true, false, false];
        bool[] yPred = [true, false, true, false];
        string[] groups = ["a", "a", "b", "b"];

        var eo = FairnessMeasures.EqualizedOddsDifference(yTrue, yPred, groups);

        Assert.False(eo.IsDefined);
        Assert.Contains("true positive rate", eo.UndefinedReason);
        Assert.Contains("fewer than two groups", eo.UndefinedReason);
    }

    [Fact]
    public void Measures_OneGroup_AreUndefinedNotZero()
    {
        var gap = FairnessMeasures.DemographicParityDifference([true, false], ["a", "a"]);

        Assert.False(gap.IsDefined);
        Assert.Contains("only one group", gap.UndefinedReason);
    }

    [Fact]
    public void Measures_MismatchedLengths_AreRefusedNamingBoth()
    {
        var e = Assert.Throws<Keel.Data.KeelDataException>(() => FairnessMeasures.EqualizedOddsDifference([true], [true, false], ["a", "b"]));

        Assert.Contains("YTrue has 1 rows but YPred has 2", e.Message);
    }

    [Fact]
    public void Measures_MissingGroupValues_FormTheirOwnGroup()
    {
        var gap = FairnessMeasures.DemographicParityDifference([true, true, false, false], ["a", "a", null, null]);

        Assert.Equal(1.0, gap.Value!.Value, 12);
    }
}

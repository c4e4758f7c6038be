using Keel.Fairness.Metrics;
using static Keel.Fairness.Tests.Metrics.FairlearnExample;

namespace Keel.Fairness.Tests.Metrics;

/// <summary>MetricFrame against the numbers of Fairlearn's user guide (fairlearn/fairlearn, docs/user_guide/assessment).</summary>
public class MetricFrameTests
{
    private static readonly MetricFrameOptions Exact = new() { Bootstrap = 0 };

    private static MetricFrame Guide() => MetricFrame.Compute(
        new FairnessData { YTrue = YTrue, YPred = YPred, SensitiveFeatures = [SensitiveFeature.Of(Groups)] },
        [GroupMetrics.Recall, GroupMetrics.FalsePositiveRate, GroupMetrics.SelectionRate, GroupMetrics.Count], Exact);

    [Fact]
    public void Overall_PerformFairnessAssessmentExample_IsFairlearns()
    {
        var frame = Guide();

        Assert.Equal(0.5, frame.Overall["recall"].Value!.Value, 12);
        Assert.Equal(0.666667, frame.Overall["false_positive_rate"].Value!.Value, 6);
        Assert.Equal(0.555556, frame.Overall["selection_rate"].Value!.Value, 6);
        Assert.Equal(18, frame.Overall["count"].Value!.Value);
    }

    [Fact]
    public void ByGroup_PerformFairnessAssessmentExample_IsFairlearns()
    {
        var frame = Guide();

        Assert.Equal(["a", "b", "c"], frame.ByGroup.Select(g => g.Name));
        Assert.Equal([0.5, 0.6, 0.4], frame.ByGroup.Select(g => Math.Round(g["recall"].Value!.Value, 6)));
        Assert.Equal([1.0, 0.0, 0.666667], frame.ByGroup.Select(g => Math.Round(g["false_positive_rate"].Value!.Value, 6)));
        Assert.Equal([0.75, 0.5, 0.5], frame.ByGroup.Select(g => g["selection_rate"].Value!.Value));
        Assert.Equal([4, 6, 8], frame.ByGroup.Select(g => g.Count));
    }

    [Fact]
    public void MinMaxDifferenceRatio_PerformFairnessAssessmentExample_AreFairlearns()
    {
        var frame = Guide();

        Assert.Equal(0.4, frame.GroupMin("recall").Value!.Value, 12);
        Assert.Equal(1.0, frame.GroupMax("false_positive_rate").Value!.Value, 12);
        Assert.Equal(0.2, frame.Difference("recall").Value!.Value, 12);
        Assert.Equal(1.0, frame.Difference("false_positive_rate").Value!.Value, 12);
        Assert.Equal(4.0, frame.Difference("count").Value!.Value, 12);
        Assert.Equal(0.666667, frame.Ratio("recall").Value!.Value, 6);
        Assert.Equal(0.0, frame.Ratio("false_positive_rate").Value!.Value, 12);
        Assert.Equal(0.5, frame.Ratio("count").Value!.Value, 12);
        Assert.Equal(0.666667, frame.Difference("false_positive_rate", GroupMethod.ToOverall).Value!.Value, 6);
        Assert.Equal(14.0, frame.Difference("count", GroupMethod.ToOverall).Value!.Value, 12);
        Assert.Equal(0.0, frame.Ratio("false_positive_rate", GroupMethod.ToOverall).Value!.Value, 12);
        Assert.Equal(0.222222, frame.Ratio("count", GroupMethod.ToOverall).Value!.Value, 6);
    }

    [Fact]
    public void ByGroup_TwoSensitiveFeatures_AreTheIntersectionsOfIntersectingGroupsRst()
    {
        var frame = MetricFrame.Compute(
            new FairnessData { YTrue = YTrue, YPred = YPred, SensitiveFeatures = [new("SF 0", Groups), new("SF 1", SecondFeature)] },
            [GroupMetrics.Precision, GroupMetrics.Recall, GroupMetrics.Count], Exact);

        Assert.Equal(["a, 6", "a, 8", "b, 6", "b, 8", "c, 6", "c, 8"], frame.ByGroup.Select(g => g.Name));
        Assert.Equal([0.0, 0.5, 1.0, 1.0, 0.666667, 0.0], frame.ByGroup.Select(g => Math.Round(g["precision"].Value!.Value, 6)));
        Assert.Equal([0.0, 1.0, 0.666667, 0.5, 0.5, 0.0], frame.ByGroup.Select(g => Math.Round(g["recall"].Value!.Value, 6)));
        Assert.Equal([2, 2, 3, 3, 6, 2], frame.ByGroup.Select(g => g.Count));
        Assert.Equal(0.6, frame.Overall["precision"].Value!.Value, 12);
    }

    [Fact]
    public void ByControl_ControlFeatureExample_IsFairlearnsPerControlLevel()
    {
        // intersecting_groups.rst, "Control Features": accuracy per CF level and per SF within it.
        var decision = Bools(0, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0);
        var prediction = Bools(1, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1);
        string[] control = ["H", "L", "H", "L", "H", "L", "L", "H", "H", "L", "L", "H", "H", "L", "L", "H", "L", "L", "H", "H", "L", "H", "L", "L", "H", "H", "L", "L", "H", "L"];
        string[] sensitive = ["A", "B", "B", "C", "C", "B", "A", "A", "B", "A", "C", "B", "C", "A", "C", "C", "B", "B", "C", "A", "B", "B", "C", "A", "B", "A", "B", "B", "A", "A"];

        var frame = MetricFrame.Compute(
            new FairnessData { YTrue = decision, YPred = prediction, SensitiveFeatures = [new("SF", sensitive)], ControlFeatures = [new("CF", control)] },
            [GroupMetrics.Accuracy], Exact);

        Assert.Equal(["H", "L"], frame.ByControl.Select(c => c.ControlLevel));
        var h = frame.ByControl[0];
        var l = frame.ByControl[1];
        Assert.Equal(0.4285714, h.Overall["accuracy"].Value!.Value, 6);
        Assert.Equal(0.375, l.Overall["accuracy"].Value!.Value, 12);
        Assert.Equal([0.2, 0.4, 0.75], h.ByGroup.Select(g => g["accuracy"].Value!.Value));
        Assert.Equal([0.4, 0.285714, 0.5], l.ByGroup.Select(g => Math.Round(g["accuracy"].Value!.Value, 6)));
        Assert.Equal(0.75, h.GroupMax("accuracy").Value!.Value, 12);
        Assert.Equal(0.55, h.Difference("accuracy").Value!.Value, 12);
        Assert.Equal(0.2142857, l.Difference("accuracy").Value!.Value, 6);
    }

    [Fact]
    public void Bootstrap_SameSeed_SameIntervals_AndTheyHoldThePointEstimate()
    {
        var data = new FairnessData { YTrue = YTrue, YPred = YPred, SensitiveFeatures = [SensitiveFeature.Of(Groups)] };
        var options = new MetricFrameOptions { Bootstrap = 200, Seed = 7 };

        var first = MetricFrame.Compute(data, [GroupMetrics.SelectionRate], options);
        var second = MetricFrame.Compute(data, [GroupMetrics.SelectionRate], options);
        var other = MetricFrame.Compute(data, [GroupMetrics.SelectionRate], options with { Seed = 8 });

        var c = first.Group("c")["selection_rate"];
        Assert.Equal(c, second.Group("c")["selection_rate"]);
        Assert.Contains(new[] { "a", "b", "c" }, g => first.Group(g)["selection_rate"] != other.Group(g)["selection_rate"]);
        Assert.True(c.Lower <= 0.5 && 0.5 <= c.Upper);
        Assert.True(c.Upper - c.Lower > 0.3); // 8 rows: a wide interval
        var gap = first.Difference("selection_rate");
        Assert.True(gap.Lower <= gap.Upper);
    }

    [Fact]
    public void Bootstrap_IsStratified_CountsNeverVary()
    {
        var frame = MetricFrame.Compute(new FairnessData { YTrue = YTrue, YPred = YPred, SensitiveFeatures = [SensitiveFeature.Of(Groups)] },
            [GroupMetrics.Count], new MetricFrameOptions { Bootstrap = 100 });

        Assert.Equal(6, frame.Group("b")["count"].Lower);
        Assert.Equal(6, frame.Group("b")["count"].Upper);
    }

    [Fact]
    public void Warnings_SmallGroups_AreNamedWithTheThresholds()
    {
        var frame = Guide();

        Assert.Contains(frame.Warnings, w => w.Contains("'a' has 4 rows (fewer than 30)"));
        Assert.Equal(3, frame.ByGroup.Count(g => g.SmallGroupWarning is not null));
        Assert.Null(MetricFrame.Compute(new FairnessData { YTrue = YTrue, YPred = YPred, SensitiveFeatures = [SensitiveFeature.Of(Groups)] },
            [GroupMetrics.Count], Exact with { MinGroupSize = 4, MinGroupPositives = 1 }).ByGroup[0].SmallGroupWarning);
    }

    [Fact]
    public void MissingValues_FormTheMissingGroup_WithAWarning()
    {
        var frame = MetricFrame.Compute(new FairnessData { YPred = [true, false, true, true], SensitiveFeatures = [new("race", ["x", null, "x", null])] },
            [GroupMetrics.SelectionRate], Exact);

        Assert.Equal(["x", "(missing)"], frame.ByGroup.Select(g => g.Name));
        Assert.Contains(frame.Warnings, w => w.Contains("'race' is missing in 2 of 4 rows"));
    }

    [Fact]
    public void Compute_BadOptionsAndData_ListEveryProblem()
    {
        var e = Assert.Throws<Keel.Data.KeelDataException>(() => MetricFrame.Compute(
            new FairnessData { YTrue = [true], YPred = [true, false], Scores = [0.5, 1.5], SensitiveFeatures = [new("g", ["a"])] }));
        Assert.Contains("YTrue has 1 rows", e.Message);
        Assert.Contains("Scores must be probabilities", e.Message);
        Assert.Contains("'g' has 1 rows", e.Message);

        var o = Assert.Throws<Keel.Data.KeelDataException>(() => MetricFrame.Compute(
            new FairnessData { YPred = [true], SensitiveFeatures = [new("g", ["a"])] }, null, new MetricFrameOptions { Bootstrap = 5, ConfidenceLevel = 1 }));
        Assert.Contains("Bootstrap must be at least 20", o.Message);
        Assert.Contains("ConfidenceLevel must be in (0, 1)", o.Message);
    }

    [Fact]
    public void UnknownMetricOrGroup_IsRefusedListingWhatExists()
    {
        var frame = Guide();

        Assert.Contains("the metrics are recall, false_positive_rate", Assert.Throws<KeyNotFoundException>(() => frame.Difference("auc")).Message);
        Assert.Contains("the groups are a, b, c", Assert.Throws<KeyNotFoundException>(() => frame.Group("d")).Message);
    }
}

namespace Keel.Fairness.Metrics;

/// <summary>
/// Fairlearn's named fairness measures, with its definitions and names (<c>fairlearn.metrics</c>):
/// demographic parity (selection rates), equalized odds (true and false positive rates) and equal opportunity (true
/// positive rates), each as a difference or a ratio, <c>between_groups</c> or <c>to_overall</c>. A difference of 0 and
/// a ratio of 1 mean every group is treated alike on that measure. Each returns a <see cref="FairnessValue"/>: a
/// number, or undefined with the reason (a ratio whose largest group rate is 0; rates of groups without positive or
/// negative labels are left out and named in the note).
/// </summary>
/// <example>
/// <code>
/// // Fairlearn's documented example ("Common fairness metrics"):
/// bool[] yTrue = [false, true, true, true, true, false, true, false, true, false, false, false, true, true, true, true, true, true];
/// bool[] yPred = [false, false, true, false, true, true, true, false, false, true, true, true, true, false, false, true, true, false];
/// string[] groups = ["b", "b", "a", "b", "b", "c", "c", "c", "a", "a", "c", "a", "b", "c", "c", "b", "c", "c"];
/// FairnessMeasures.DemographicParityDifference(yPred, groups);          // 0.25
/// FairnessMeasures.DemographicParityRatio(yPred, groups);               // 0.6667
/// FairnessMeasures.EqualizedOddsDifference(yTrue, yPred, groups);       // 1.0
/// FairnessMeasures.EqualizedOddsRatio(yTrue, yPred, groups);            // 0.0
/// </code>
/// </example>
public static class FairnessMeasures
{
    public const string DemographicParityDifferenceName = "demographic_parity_difference";
    public const string DemographicParityRatioName = "demographic_parity_ratio";
    public const string EqualizedOddsDifferenceName = "equalized_odds_difference";
    public const string EqualizedOddsRatioName = "equalized_odds_ratio";
    public const string EqualOpportunityDifferenceName = "equal_opportunity_difference";
    public const string EqualOpportunityRatioName = "equal_opportunity_ratio";

    /// <summary>Share of rows predicted positive (Fairlearn's <c>selection_rate</c>); undefined without rows.</summary>
    public static FairnessValue SelectionRate(IReadOnlyList<bool> yPred) =>
        GroupMetrics.SelectionRate.Compute(GroupSample.Of(yPred));

    /// <summary>Largest minus smallest group selection rate (Fairlearn's <c>demographic_parity_difference</c>).</summary>
    public static FairnessValue DemographicParityDifference(IReadOnlyList<bool> yPred, IReadOnlyList<string?> groups, GroupMethod method = GroupMethod.BetweenGroups) =>
        DemographicParityDifference(Frame(null, yPred, groups, GroupMetrics.SelectionRate), method);

    /// <summary>Smallest over largest group selection rate (Fairlearn's <c>demographic_parity_ratio</c>).</summary>
    public static FairnessValue DemographicParityRatio(IReadOnlyList<bool> yPred, IReadOnlyList<string?> groups, GroupMethod method = GroupMethod.BetweenGroups) =>
        DemographicParityRatio(Frame(null, yPred, groups, GroupMetrics.SelectionRate), method);

    /// <summary>
    /// The larger (worst case) or the mean of the true positive rate difference and the false positive rate
    /// difference (Fairlearn's <c>equalized_odds_difference</c>).
    /// </summary>
    public static FairnessValue EqualizedOddsDifference(IReadOnlyList<bool> yTrue, IReadOnlyList<bool> yPred, IReadOnlyList<string?> groups,
        GroupMethod method = GroupMethod.BetweenGroups, EqualizedOddsAggregation agg = EqualizedOddsAggregation.WorstCase) =>
        EqualizedOddsDifference(Frame(yTrue, yPred, groups, GroupMetrics.TruePositiveRate, GroupMetrics.FalsePositiveRate), method, agg);

    /// <summary>
    /// The smaller (worst case) or the mean of the true positive rate ratio and the false positive rate ratio
    /// (Fairlearn's <c>equalized_odds_ratio</c>).
    /// </summary>
    public static FairnessValue EqualizedOddsRatio(IReadOnlyList<bool> yTrue, IReadOnlyList<bool> yPred, IReadOnlyList<string?> groups,
        GroupMethod method = GroupMethod.BetweenGroups, EqualizedOddsAggregation agg = EqualizedOddsAggregation.WorstCase) =>
        EqualizedOddsRatio(Frame(yTrue, yPred, groups, GroupMetrics.TruePositiveRate, GroupMetrics.FalsePositiveRate), method, agg);

    /// <summary>Largest minus smallest group true positive rate (Fairlearn's <c>equal_opportunity_difference</c>).</summary>
    public static FairnessValue EqualOpportunityDifference(IReadOnlyList<bool> yTrue, IReadOnlyList<bool> yPred, IReadOnlyList<string?> groups, GroupMethod method = GroupMethod.BetweenGroups) =>
        EqualOpportunityDifference(Frame(yTrue, yPred, groups, GroupMetrics.TruePositiveRate), method);

    /// <summary>Smallest over largest group true positive rate (Fairlearn's <c>equal_opportunity_ratio</c>).</summary>
    public static FairnessValue EqualOpportunityRatio(IReadOnlyList<bool> yTrue, IReadOnlyList<bool> yPred, IReadOnlyList<string?> groups, GroupMethod method = GroupMethod.BetweenGroups) =>
        EqualOpportunityRatio(Frame(yTrue, yPred, groups, GroupMetrics.TruePositiveRate), method);

    /// <summary>Demographic parity difference from a frame that holds <c>selection_rate</c> (intersectional groups, intervals).</summary>
    public static FairnessValue DemographicParityDifference(MetricFrame frame, GroupMethod method = GroupMethod.BetweenGroups) =>
        Frame(frame, GroupMetrics.SelectionRate).Difference(GroupMetrics.SelectionRate.Name, method);

    /// <summary>Demographic parity ratio from a frame that holds <c>selection_rate</c>.</summary>
    public static FairnessValue DemographicParityRatio(MetricFrame frame, GroupMethod method = GroupMethod.BetweenGroups) =>
        Frame(frame, GroupMetrics.SelectionRate).Ratio(GroupMetrics.SelectionRate.Name, method);

    /// <summary>Equal opportunity difference from a frame that holds <c>true_positive_rate</c>.</summary>
    public static FairnessValue EqualOpportunityDifference(MetricFrame frame, GroupMethod method = GroupMethod.BetweenGroups) =>
        Frame(frame, GroupMetrics.TruePositiveRate).Difference(GroupMetrics.TruePositiveRate.Name, method);

    /// <summary>Equal opportunity ratio from a frame that holds <c>true_positive_rate</c>.</summary>
    public static FairnessValue EqualOpportunityRatio(MetricFrame frame, GroupMethod method = GroupMethod.BetweenGroups) =>
        Frame(frame, GroupMetrics.TruePositiveRate).Ratio(GroupMetrics.TruePositiveRate.Name, method);

    /// <summary>Equalized odds difference from a frame that holds <c>true_positive_rate</c> and <c>false_positive_rate</c>.</summary>
    public static FairnessValue EqualizedOddsDifference(MetricFrame frame, GroupMethod method = GroupMethod.BetweenGroups, EqualizedOddsAggregation agg = EqualizedOddsAggregation.WorstCase)
    {
        Frame(frame, GroupMetrics.TruePositiveRate, GroupMetrics.FalsePositiveRate);
        var tpr = frame.Difference(GroupMetrics.TruePositiveRate.Name, method);
        var fpr = frame.Difference(GroupMetrics.FalsePositiveRate.Name, method);
        return Combine(frame, tpr, fpr, agg == EqualizedOddsAggregation.WorstCase ? Math.Max : Mean,
            frame.DifferenceReplicates(GroupMetrics.TruePositiveRate.Name, method), frame.DifferenceReplicates(GroupMetrics.FalsePositiveRate.Name, method));
    }

    /// <summary>Equalized odds ratio from a frame that holds <c>true_positive_rate</c> and <c>false_positive_rate</c>.</summary>
    public static FairnessValue EqualizedOddsRatio(MetricFrame frame, GroupMethod method = GroupMethod.BetweenGroups, EqualizedOddsAggregation agg = EqualizedOddsAggregation.WorstCase)
    {
        Frame(frame, GroupMetrics.TruePositiveRate, GroupMetrics.FalsePositiveRate);
        var tpr = frame.Ratio(GroupMetrics.TruePositiveRate.Name, method);
        var fpr = frame.Ratio(GroupMetrics.FalsePositiveRate.Name, method);
        return Combine(frame, tpr, fpr, agg == EqualizedOddsAggregation.WorstCase ? Math.Min : Mean,
            frame.RatioReplicates(GroupMetrics.TruePositiveRate.Name, method), frame.RatioReplicates(GroupMetrics.FalsePositiveRate.Name, method));
    }

    private static double Mean(double a, double b) => (a + b) / 2;

    private static FairnessValue Combine(MetricFrame frame, FairnessValue tpr, FairnessValue fpr, Func<double, double, double> combine, double[] tprReplicates, double[] fprReplicates)
    {
        if (!tpr.IsDefined) return FairnessValue.Undefined($"the true positive rate part is undefined: {tpr.UndefinedReason}");
        if (!fpr.IsDefined) return FairnessValue.Undefined($"the false positive rate part is undefined: {fpr.UndefinedReason}");
        var notes = new[] { tpr.Note is null ? null : $"true positive rate: {tpr.Note}", fpr.Note is null ? null : $"false positive rate: {fpr.Note}" }.OfType<string>().ToArray();
        var value = FairnessValue.Of(combine(tpr.Value!.Value, fpr.Value!.Value), notes.Length == 0 ? null : string.Join("; ", notes));
        var replicates = new double[tprReplicates.Length];
        for (var r = 0; r < replicates.Length; r++)
            replicates[r] = double.IsNaN(tprReplicates[r]) || double.IsNaN(fprReplicates[r]) ? double.NaN : combine(tprReplicates[r], fprReplicates[r]);
        return MetricFrame.WithInterval(value, replicates, frame.Confidence);
    }

    private static MetricFrame Frame(IReadOnlyList<bool>? yTrue, IReadOnlyList<bool> yPred, IReadOnlyList<string?> groups, params GroupMetric[] metrics)
    {
        ArgumentNullException.ThrowIfNull(yPred);
        ArgumentNullException.ThrowIfNull(groups);
        return MetricFrame.Compute(new FairnessData { YTrue = yTrue, YPred = yPred, SensitiveFeatures = [SensitiveFeature.Of(groups)] }, metrics,
            new MetricFrameOptions { Bootstrap = 0 });
    }

    private static MetricFrame Frame(MetricFrame frame, params GroupMetric[] needed)
    {
        ArgumentNullException.ThrowIfNull(frame);
        foreach (var m in needed)
            if (!frame.Metrics.Contains(m.Name))
                throw new ArgumentException($"The frame has no '{m.Name}'; compute the frame with that metric among its metrics. It has {string.Join(", ", frame.Metrics)}.", nameof(frame));
        return frame;
    }
}

namespace Keel.Fairness.Metrics;

/// <summary>
/// Disparate impact: the ratio of selection rates of each group to a reference group, with the four-fifths rule of
/// thumb flagged. With a privileged group named, the ratio is unprivileged over privileged (AIF360's
/// <c>disparate_impact</c>, SageMaker Clarify's DI for a facet); without one, each group is compared with the group
/// selected most often, as the EEOC's Uniform Guidelines do ("a selection rate ... less than four-fifths of the rate
/// for the group with the highest rate"). A rule of thumb to prompt a closer look, not a verdict.
/// </summary>
/// <example>
/// <code>
/// // SageMaker Clarify's test_DI data: F is selected at 4/7, M at 2/5.
/// string[] sex = ["M", "F", "F", "M", "F", "M", "F", "F", "M", "M", "F", "F"];
/// bool[] selected = [true, true, true, false, false, false, true, true, false, true, false, false];
/// var di = DisparateImpact.Compute(selected, sex, privileged: "F");
/// Console.WriteLine($"{di.WorstGroup}: {di.Ratio}, below four fifths: {di.BelowThreshold}");   // M: 0.7, below four fifths: True
/// </code>
/// </example>
public static class DisparateImpact
{
    /// <summary>The four-fifths rule of thumb's threshold, 0.8.</summary>
    public const double FourFifths = 0.8;

    /// <summary>
    /// Disparate impact of the groups of one feature. Refuses a privileged group that is not among the groups, and a
    /// threshold outside (0, 1].
    /// </summary>
    public static DisparateImpactResult Compute(IReadOnlyList<bool> yPred, IReadOnlyList<string?> groups, string? privileged = null,
        double threshold = FourFifths, string feature = "group")
    {
        ArgumentNullException.ThrowIfNull(yPred);
        ArgumentNullException.ThrowIfNull(groups);
        var frame = MetricFrame.Compute(new FairnessData { YPred = yPred, SensitiveFeatures = [new SensitiveFeature(feature, groups)] },
            [GroupMetrics.SelectionRate], new MetricFrameOptions { Bootstrap = 0 });
        return From(frame, privileged, threshold);
    }

    /// <summary>Disparate impact from a frame over one sensitive feature that holds <c>selection_rate</c>.</summary>
    public static DisparateImpactResult From(MetricFrame frame, string? privileged = null, double threshold = FourFifths)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!(threshold > 0 && threshold <= 1))
            throw new Keel.Data.KeelDataException($"The disparate impact threshold must be in (0, 1]; it is {threshold}. The four-fifths rule of thumb is 0.8.");
        if (!frame.Metrics.Contains(GroupMetrics.SelectionRate.Name))
            throw new ArgumentException("The frame has no selection_rate.", nameof(frame));
        if (privileged is not null && frame.ByGroup.All(g => g.Name != privileged))
            throw new Keel.Data.KeelDataException($"The privileged group '{privileged}' is not a group of '{string.Join(", ", frame.SensitiveFeatureNames)}'. The groups are: {string.Join(", ", frame.ByGroup.Select(g => g.Name))}.");

        var rates = frame.ByGroup.ToDictionary(g => g.Name, g => g[GroupMetrics.SelectionRate.Name].Value!.Value);
        var reference = privileged ?? frame.ByGroup.OrderByDescending(g => rates[g.Name]).First().Name;
        var referenceRate = rates[reference];
        var selections = frame.ByGroup.Select(g => new GroupSelection(g.Name, g.Count, g.PredictedPositives, FairnessValue.Of(rates[g.Name]),
            referenceRate > 0 ? FairnessValue.Of(rates[g.Name] / referenceRate)
                : FairnessValue.Undefined($"the reference group '{reference}' has a selection rate of 0"))).ToArray();
        var others = selections.Where(s => s.Group != reference).ToArray();

        FairnessValue ratio, difference;
        string? worst = null;
        if (others.Length == 0)
        {
            ratio = difference = FairnessValue.Undefined($"there is only one group ('{reference}'), so there is nothing to compare");
        }
        else if (!(referenceRate > 0))
        {
            ratio = FairnessValue.Undefined($"the reference group '{reference}' has a selection rate of 0, and a ratio divides by it");
            worst = others.OrderBy(s => s.Rate.Value).First().Group;
            difference = FairnessValue.Of(rates[worst] - referenceRate);
        }
        else
        {
            var w = others.OrderBy(s => s.RatioToReference.Value).First();
            worst = w.Group;
            ratio = w.RatioToReference;
            difference = FairnessValue.Of(rates[worst] - referenceRate);
        }
        FairnessValue? pooled = null;
        if (privileged is not null && others.Length > 0)
        {
            var pooledRate = (double)others.Sum(o => o.Selected) / others.Sum(o => o.Count);
            pooled = referenceRate > 0 ? FairnessValue.Of(pooledRate / referenceRate)
                : FairnessValue.Undefined($"the privileged group '{reference}' has a selection rate of 0");
        }
        return new DisparateImpactResult
        {
            PooledRatio = pooled,
            Feature = string.Join(", ", frame.SensitiveFeatureNames),
            Groups = selections,
            Reference = reference,
            ReferenceIsPrivileged = privileged is not null,
            WorstGroup = worst,
            Ratio = ratio,
            Difference = difference,
            Threshold = threshold,
            BelowThreshold = ratio.IsDefined ? ratio.Value < threshold : null,
        };
    }
}

namespace Keel.Fairness.Metrics;

/// <summary>
/// A metric a <see cref="MetricFrame"/> computes overall and per group: a name (Fairlearn's or scikit-learn's where
/// they have one), what it needs (labels, scores), and the computation, which says why when it has no value.
/// The built-in metrics are in <see cref="GroupMetrics"/>; any other is a new instance.
/// </summary>
/// <example>
/// <code>
/// var share = new GroupMetric("share_of_rows", "rows", needsLabels: false, needsScores: false,
///     s => FairnessValue.Of(s.Count / 1000.0));
/// </code>
/// </example>
public sealed class GroupMetric
{
    private readonly Func<GroupSample, FairnessValue> _compute;

    public GroupMetric(string name, string description, bool needsLabels, bool needsScores, Func<GroupSample, FairnessValue> compute)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(compute);
        Name = name;
        Description = description;
        NeedsLabels = needsLabels;
        NeedsScores = needsScores;
        _compute = compute;
    }

    /// <summary>The metric's name, e.g. <c>selection_rate</c>, <c>true_positive_rate</c>.</summary>
    public string Name { get; }

    /// <summary>What it measures, in words.</summary>
    public string Description { get; }

    public bool NeedsLabels { get; }

    public bool NeedsScores { get; }

    /// <summary>The metric on one sample; undefined (with the reason) when the sample lacks the rows it divides by.</summary>
    public FairnessValue Compute(GroupSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Count == 0) return FairnessValue.Undefined("the group has no rows");
        if (NeedsLabels && !sample.HasLabels) return FairnessValue.Undefined($"{Name} needs the true labels, and none were given");
        if (NeedsScores && !sample.HasScores) return FairnessValue.Undefined($"{Name} needs scores (probabilities), and none were given");
        return _compute(sample);
    }

    public override string ToString() => Name;
}

using Keel.Fairness.Metrics;

namespace Keel.Fairness;

/// <summary>What <see cref="FairnessAudit"/> assesses and how.</summary>
public sealed record FairnessAuditOptions
{
    /// <summary>
    /// The sensitive columns of the table (e.g. sex, race). Each is assessed on its own, and together as intersectional
    /// groups. Needed when auditing a table; the default value is none.
    /// </summary>
    public IReadOnlyList<string> SensitiveColumns { get; init; } = [];

    /// <summary>Columns within whose levels the groups are also compared (Fairlearn's control features). The default value is none.</summary>
    public IReadOnlyList<string> ControlColumns { get; init; } = [];

    /// <summary>
    /// The positive class: the outcome whose rate is compared (an approval, "&gt;50K"). The default value is null: the
    /// model's positive class, or for scored data the second class of the label in Keel's order (<c>1</c> of 0/1,
    /// <c>Yes</c> of No/Yes, <c>true</c> of false/true).
    /// </summary>
    public string? PositiveClass { get; init; }

    /// <summary>
    /// A privileged group per sensitive column, for disparate impact as AIF360 computes it (unprivileged over
    /// privileged). The default value is null: each group is compared with the group selected most often.
    /// </summary>
    public IReadOnlyDictionary<string, string>? PrivilegedGroups { get; init; }

    /// <summary>Whether two or more sensitive columns are also assessed together ("Female, Black"). The default value is true.</summary>
    public bool Intersectional { get; init; } = true;

    /// <summary>Bootstrap resamples for the intervals, stratified by group; 0 for none. The default value is 1000.</summary>
    public int Bootstrap { get; init; } = 1000;

    /// <summary>The intervals' confidence level. The default value is 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>The bootstrap's seed. The default value is 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Groups with fewer rows are flagged as too small to judge. The default value is 30.</summary>
    public int MinGroupSize { get; init; } = 30;

    /// <summary>Groups with fewer positive (or negative) labels are flagged. The default value is 5.</summary>
    public int MinGroupPositives { get; init; } = 5;

    /// <summary>The disparate impact rule of thumb's threshold. The default value is 0.8 (four fifths).</summary>
    public double DisparateImpactThreshold { get; init; } = DisparateImpact.FourFifths;

    /// <summary>A sensitive or control column with more distinct values than this is refused (bin it first). The default value is 50.</summary>
    public int MaxGroups { get; init; } = 50;

    internal MetricFrameOptions FrameOptions => new()
    {
        Bootstrap = Bootstrap,
        ConfidenceLevel = ConfidenceLevel,
        Seed = Seed,
        MinGroupSize = MinGroupSize,
        MinGroupPositives = MinGroupPositives,
    };

    /// <summary>Every problem with the options, in one message; null when they are valid.</summary>
    public string? Problems()
    {
        var problems = new List<string>();
        foreach (var d in (SensitiveColumns ?? []).Concat(ControlColumns ?? []).GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"The column '{d.Key}' is named more than once among the sensitive and control columns.");
        if (FrameOptions.Problems() is { } frame) problems.Add(frame);
        if (!(DisparateImpactThreshold > 0 && DisparateImpactThreshold <= 1)) problems.Add($"DisparateImpactThreshold must be in (0, 1]; it is {DisparateImpactThreshold}.");
        if (MaxGroups < 2) problems.Add($"MaxGroups must be at least 2; it is {MaxGroups}.");
        foreach (var column in PrivilegedGroups?.Keys ?? [])
            if (SensitiveColumns?.Contains(column) != true) problems.Add($"PrivilegedGroups names '{column}', which is not a sensitive column.");
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }
}

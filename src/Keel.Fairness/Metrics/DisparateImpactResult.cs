namespace Keel.Fairness.Metrics;

/// <summary>
/// Disparate impact of one sensitive feature: each group's selection rate over the reference group's, the worst such
/// ratio, and whether it falls below the four-fifths rule of thumb. The rule of thumb (US EEOC Uniform Guidelines,
/// 29 CFR 1607.4(D)) is a screening heuristic that calls for a closer look, not a verdict: small groups swing the
/// ratio, and a ratio above it does not show a model is fair.
/// </summary>
public sealed record DisparateImpactResult
{
    public required string Feature { get; init; }

    /// <summary>Every group with its selection rate and its ratio to the reference group.</summary>
    public required IReadOnlyList<GroupSelection> Groups { get; init; }

    /// <summary>The group the others are compared with: the privileged group when one was named, else the group with the highest selection rate.</summary>
    public required string Reference { get; init; }

    /// <summary>Whether <see cref="Reference"/> is a named privileged group (AIF360's convention) rather than the highest-rate group (the EEOC's).</summary>
    public required bool ReferenceIsPrivileged { get; init; }

    /// <summary>The group with the smallest ratio to the reference; null when no ratio is defined.</summary>
    public string? WorstGroup { get; init; }

    /// <summary>
    /// The smallest selection rate ratio of a group to the reference (AIF360's <c>disparate_impact</c>, unprivileged
    /// over privileged, when there are two groups; min / max without a privileged group).
    /// </summary>
    public required FairnessValue Ratio { get; init; }

    /// <summary>The worst group's selection rate minus the reference's (AIF360's <c>statistical_parity_difference</c> for two groups).</summary>
    public required FairnessValue Difference { get; init; }

    /// <summary>
    /// With a privileged group: the selection rate of all other rows pooled over the privileged group's — AIF360's
    /// <c>disparate_impact_ratio(..., priv_group=...)</c>, which pools the unprivileged groups. Null without a
    /// privileged group.
    /// </summary>
    public FairnessValue? PooledRatio { get; init; }

    /// <summary>The rule of thumb's threshold, 0.8 by default.</summary>
    public required double Threshold { get; init; }

    /// <summary>True when <see cref="Ratio"/> is below <see cref="Threshold"/>; null when the ratio is undefined.</summary>
    public bool? BelowThreshold { get; init; }
}

using Keel.Fairness.Metrics;

namespace Keel.Fairness.Bias;

/// <summary>
/// SageMaker Clarify's pre-training bias metrics for one facet d (a sensitive group) against the rest a, from the
/// labels alone, before any model: how represented the facet is and how its label distribution differs.
/// </summary>
public sealed record PretrainingBiasResult
{
    /// <summary>The sensitive feature, e.g. "sex".</summary>
    public required string Feature { get; init; }

    /// <summary>The facet d: the group measured against all other rows, e.g. "Female".</summary>
    public required string Facet { get; init; }

    /// <summary>Rows outside the facet with a label (n_a).</summary>
    public required int RestCount { get; init; }

    /// <summary>Rows in the facet with a label (n_d).</summary>
    public required int FacetCount { get; init; }

    /// <summary>Share of the rest with the positive label (q_a).</summary>
    public required FairnessValue RestPositiveRate { get; init; }

    /// <summary>Share of the facet with the positive label (q_d).</summary>
    public required FairnessValue FacetPositiveRate { get; init; }

    /// <summary>CI = (n_a − n_d) / (n_a + n_d), in [−1, 1]; above 0 the facet is under-represented.</summary>
    public required FairnessValue ClassImbalance { get; init; }

    /// <summary>DPL = q_a − q_d, in [−1, 1]; above 0 the facet has fewer positive labels.</summary>
    public required FairnessValue DifferenceInPositiveProportions { get; init; }

    /// <summary>KL = Σ P_a(y) log(P_a(y) / P_d(y)) over label values y, ≥ 0; undefined (infinite) when a label value of the rest never occurs in the facet.</summary>
    public required FairnessValue KlDivergence { get; init; }

    /// <summary>JS = ½ [KL(P_a, P) + KL(P_d, P)] with P = ½ (P_a + P_d), in [0, ln 2].</summary>
    public required FairnessValue JsDivergence { get; init; }

    /// <summary>LP = √Σ (P_a(y) − P_d(y))², the L2 norm of the difference of the label distributions.</summary>
    public required FairnessValue LpNorm { get; init; }

    /// <summary>TVD = ½ Σ |P_a(y) − P_d(y)|, in [0, 1].</summary>
    public required FairnessValue TotalVariationDistance { get; init; }

    /// <summary>KS = max |P_a(y) − P_d(y)| over label values, in [0, 1] (Clarify's definition on the label distribution).</summary>
    public required FairnessValue KolmogorovSmirnov { get; init; }
}

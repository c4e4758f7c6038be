namespace Keel.Fairness.Mitigation;

/// <summary>The fairness constraint a mitigator enforces between the groups of a sensitive column (Fairlearn's names).</summary>
public enum MitigationConstraint
{
    /// <summary>Equal selection rates: P(ŷ=1 | A=a) = P(ŷ=1) for every group a (<c>demographic_parity</c>).</summary>
    DemographicParity,

    /// <summary>Equal true and false positive rates: P(ŷ=1 | A=a, Y=y) = P(ŷ=1 | Y=y) (<c>equalized_odds</c>).</summary>
    EqualizedOdds,

    /// <summary>Equal true positive rates: P(ŷ=1 | A=a, Y=1) = P(ŷ=1 | Y=1) (<c>true_positive_rate_parity</c>, "equal opportunity").</summary>
    EqualOpportunity,
}

/// <summary>The command-line spellings of <see cref="MitigationConstraint"/>.</summary>
public static class MitigationConstraints
{
    /// <summary>demographic_parity, equalized_odds, equal_opportunity (also Fairlearn's true_positive_rate_parity).</summary>
    public static MitigationConstraint Parse(string text) => text.Trim().ToLowerInvariant().Replace('-', '_') switch
    {
        "demographic_parity" or "dp" => MitigationConstraint.DemographicParity,
        "equalized_odds" or "eo" => MitigationConstraint.EqualizedOdds,
        "equal_opportunity" or "true_positive_rate_parity" => MitigationConstraint.EqualOpportunity,
        _ => throw new Keel.Learn.KeelLearnException($"The constraint '{text}' is not one of demographic_parity, equalized_odds, equal_opportunity."),
    };

    public static string Name(MitigationConstraint constraint) => constraint switch
    {
        MitigationConstraint.DemographicParity => "demographic_parity",
        MitigationConstraint.EqualizedOdds => "equalized_odds",
        _ => "equal_opportunity",
    };
}

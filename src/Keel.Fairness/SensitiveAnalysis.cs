using Keel.Fairness.Bias;
using Keel.Fairness.Metrics;

namespace Keel.Fairness;

/// <summary>The assessment of one sensitive column, or of several together (intersectional groups).</summary>
public sealed record SensitiveAnalysis
{
    /// <summary>The column, or the columns joined by " × " (e.g. "sex × race").</summary>
    public required string Name { get; init; }

    public required IReadOnlyList<string> Columns { get; init; }

    public bool Intersectional => Columns.Count > 1;

    /// <summary>Every metric overall and per group, with intervals.</summary>
    public required MetricFrame Frame { get; init; }

    /// <summary>Fairlearn's named measures, each between groups and to overall.</summary>
    public required IReadOnlyList<FairnessMeasure> Measures { get; init; }

    /// <summary>Selection rates against the reference group, with the four-fifths rule of thumb.</summary>
    public required DisparateImpactResult DisparateImpact { get; init; }

    /// <summary>Clarify's pre-training metrics of each group against the rest, from the labels; empty without labels.</summary>
    public required IReadOnlyList<PretrainingBiasResult> PretrainingBias { get; init; }

    /// <summary>The measure with this name and method.</summary>
    public FairnessValue Measure(string name, GroupMethod method = GroupMethod.BetweenGroups) =>
        Measures.FirstOrDefault(m => m.Name == name && m.Method == method)?.Value
        ?? throw new KeyNotFoundException($"There is no measure '{name}'; the measures are {string.Join(", ", Measures.Select(m => m.Name).Distinct())}.");

    /// <summary>Largest minus smallest group selection rate (Fairlearn's <c>demographic_parity_difference</c>).</summary>
    public FairnessValue DemographicParityDifference => Measure(FairnessMeasures.DemographicParityDifferenceName);

    /// <summary>The larger of the true and false positive rate gaps (Fairlearn's <c>equalized_odds_difference</c>).</summary>
    public FairnessValue EqualizedOddsDifference =>
        Measures.Any(m => m.Name == FairnessMeasures.EqualizedOddsDifferenceName)
            ? Measure(FairnessMeasures.EqualizedOddsDifferenceName)
            : FairnessValue.Undefined("equalized odds needs the true labels, and the audit had none");
}

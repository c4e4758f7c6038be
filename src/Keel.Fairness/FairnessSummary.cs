using Keel.Fairness.Metrics;

namespace Keel.Fairness;

/// <summary>
/// The headline numbers of a model's fairness on one sensitive column, for model cards and promotion gates:
/// Fairlearn's demographic parity and equalized odds differences (between groups), disparate impact with the
/// four-fifths flag, the overall metrics, and the warnings.
/// </summary>
public sealed record FairnessSummary
{
    public required string SensitiveColumn { get; init; }

    /// <summary>The positive class, e.g. "&gt;50K".</summary>
    public required string PositiveClass { get; init; }

    public required int Rows { get; init; }

    /// <summary>Largest minus smallest group selection rate; 0 when every group is selected alike.</summary>
    public required FairnessValue DemographicParityDifference { get; init; }

    /// <summary>The larger of the true and false positive rate gaps between groups; 0 when the errors are alike.</summary>
    public required FairnessValue EqualizedOddsDifference { get; init; }

    /// <summary>The lowest group selection rate over the reference group's.</summary>
    public required FairnessValue DisparateImpact { get; init; }

    /// <summary>Whether <see cref="DisparateImpact"/> is below the four-fifths rule of thumb; null when undefined.</summary>
    public bool? BelowFourFifths { get; init; }

    /// <summary>Each metric on all rows (accuracy, selection rate, true positive rate, ROC AUC, ...).</summary>
    public required IReadOnlyDictionary<string, FairnessValue> Overall { get; init; }

    /// <summary>Each group's metrics.</summary>
    public required IReadOnlyList<GroupResult> Groups { get; init; }

    /// <summary>Small groups, missing values, rows without labels.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The findings in plain sentences.</summary>
    public required IReadOnlyList<string> Sentences { get; init; }
}

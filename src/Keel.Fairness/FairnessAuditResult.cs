using Keel.Fairness.Metrics;

namespace Keel.Fairness;

/// <summary>
/// What <see cref="FairnessAudit"/> found: overall metrics, one <see cref="SensitiveAnalysis"/> per sensitive column
/// (and one for their intersection), warnings, and the findings in plain sentences.
/// </summary>
public sealed record FairnessAuditResult
{
    /// <summary>Rows assessed (rows with a missing label are left out and counted in <see cref="Warnings"/>).</summary>
    public required int Rows { get; init; }

    /// <summary>The label column; null when the audit had no labels.</summary>
    public string? Label { get; init; }

    /// <summary>The positive class, e.g. "&gt;50K".</summary>
    public required string PositiveClass { get; init; }

    public required IReadOnlyList<string> SensitiveColumns { get; init; }

    public IReadOnlyList<string> ControlColumns { get; init; } = [];

    /// <summary>Every metric on all rows; intervals from the bootstrap of the first analysis (stratified by the first sensitive column).</summary>
    public required IReadOnlyDictionary<string, FairnessValue> Overall { get; init; }

    /// <summary>One analysis per sensitive column, then the intersectional one when there are two or more columns.</summary>
    public required IReadOnlyList<SensitiveAnalysis> Analyses { get; init; }

    /// <summary>Small groups, missing values, left-out rows.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The findings in plain language.</summary>
    public required IReadOnlyList<string> Summary { get; init; }

    /// <summary>Bootstrap resamples behind the intervals; 0 when none.</summary>
    public required int Bootstrap { get; init; }

    public required double ConfidenceLevel { get; init; }

    /// <summary>The analysis of this column (or "a × b" for the intersection).</summary>
    public SensitiveAnalysis Analysis(string name) =>
        Analyses.FirstOrDefault(a => a.Name == name) ?? throw new KeyNotFoundException($"There is no analysis '{name}'; there are {string.Join(", ", Analyses.Select(a => a.Name))}.");
}

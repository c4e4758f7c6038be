using Keel.Data;

namespace Keel.Fairness.Metrics;

/// <summary>
/// What a <see cref="MetricFrame"/> measures: the predictions, the true labels and scores when known, the sensitive
/// features that define the groups (several give intersectional groups such as "Female, Black"), and optional control
/// features (Fairlearn's <c>control_features</c>: the groups are compared within each control level).
/// </summary>
public sealed record FairnessData
{
    /// <summary>The predictions: true for the positive class.</summary>
    public required IReadOnlyList<bool> YPred { get; init; }

    /// <summary>The true labels: true for the positive class. The default value is null: no labels (only selection rates).</summary>
    public IReadOnlyList<bool>? YTrue { get; init; }

    /// <summary>P(positive) per row, in [0, 1]. The default value is null: no scores (no ROC AUC or calibration).</summary>
    public IReadOnlyList<double>? Scores { get; init; }

    /// <summary>One or more sensitive features; their combinations are the groups.</summary>
    public required IReadOnlyList<SensitiveFeature> SensitiveFeatures { get; init; }

    /// <summary>Features within whose levels the groups are compared. The default value is none.</summary>
    public IReadOnlyList<SensitiveFeature> ControlFeatures { get; init; } = [];

    /// <summary>The rows of this data, in the given order.</summary>
    internal FairnessData Take(IReadOnlyList<int> rows) => this with
    {
        YPred = rows.Select(i => YPred[i]).ToArray(),
        YTrue = YTrue is null ? null : rows.Select(i => YTrue[i]).ToArray(),
        Scores = Scores is null ? null : rows.Select(i => Scores[i]).ToArray(),
        SensitiveFeatures = SensitiveFeatures.Select(f => f with { Values = rows.Select(i => f.Values[i]).ToArray() }).ToArray(),
        ControlFeatures = ControlFeatures.Select(f => f with { Values = rows.Select(i => f.Values[i]).ToArray() }).ToArray(),
    };

    /// <summary>Refuses data whose parts disagree, listing every problem in one message.</summary>
    internal void Validate()
    {
        var problems = new List<string>();
        var n = YPred?.Count ?? 0;
        if (YPred is null) problems.Add("YPred (the predictions) is missing.");
        if (YTrue is not null && YTrue.Count != n) problems.Add($"YTrue has {YTrue.Count} rows but YPred has {n}.");
        if (Scores is not null)
        {
            if (Scores.Count != n) problems.Add($"Scores has {Scores.Count} rows but YPred has {n}.");
            for (var i = 0; i < Scores.Count; i++)
                if (!(Scores[i] >= 0 && Scores[i] <= 1))
                {
                    problems.Add($"Scores must be probabilities in [0, 1]; row {i} is {Scores[i]}.");
                    break;
                }
        }
        if (SensitiveFeatures is null || SensitiveFeatures.Count == 0) problems.Add("At least one sensitive feature is needed to form groups.");
        foreach (var f in (SensitiveFeatures ?? []).Concat(ControlFeatures ?? []))
            if (f.Values.Count != n) problems.Add($"The feature '{f.Name}' has {f.Values.Count} rows but YPred has {n}.");
        var names = (SensitiveFeatures ?? []).Concat(ControlFeatures ?? []).Select(f => f.Name).ToArray();
        foreach (var d in names.GroupBy(x => x, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"The feature name '{d.Key}' is used more than once.");
        if (n == 0 && YPred is not null) problems.Add("There are no rows to assess.");
        if (problems.Count > 0) throw new KeelDataException(string.Join(" ", problems));
    }
}

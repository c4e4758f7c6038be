using Keel.Data;
using Keel.Fairness.Metrics;
using Keel.Learn;
using Keel.Learn.Models;

namespace Keel.Lifecycle.Promotion;

/// <summary>The fairness measures a policy can limit, for a model's decisions on labelled data, per sensitive column.</summary>
internal static class FairnessEvidence
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, Measured>> Measure(Model model, Table data, IReadOnlyList<string> columns)
    {
        if (model.Target.Task != TaskKind.Binary)
            throw new KeelDataException($"The policy limits fairness measures, which are defined for binary classifiers; this model is {model.Target.Task.ToString().ToLowerInvariant()}.");
        var labels = model.Target.Encode(data);
        var keep = Enumerable.Range(0, labels.Length).Where(i => labels[i] is 0 or 1).ToArray();
        if (keep.Length < labels.Length) data = data.Take(keep);
        var positive = model.Target.Classes[1];
        var yPred = model.Predict(data).Labels!.Select(l => l == positive).ToArray();
        var yTrue = keep.Select(i => labels[i] == 1).ToArray();
        var result = new Dictionary<string, IReadOnlyDictionary<string, Measured>>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var c = data[column];
            var groups = Enumerable.Range(0, data.RowCount).Select(c.FormatValue).ToArray();
            result[column] = new Dictionary<string, Measured>(StringComparer.Ordinal)
            {
                ["demographic_parity_difference"] = From(FairnessMeasures.DemographicParityDifference(yPred, groups)),
                ["demographic_parity_ratio"] = From(FairnessMeasures.DemographicParityRatio(yPred, groups)),
                ["equalized_odds_difference"] = From(FairnessMeasures.EqualizedOddsDifference(yTrue, yPred, groups)),
                ["equalized_odds_ratio"] = From(FairnessMeasures.EqualizedOddsRatio(yTrue, yPred, groups)),
                ["equal_opportunity_difference"] = From(FairnessMeasures.EqualOpportunityDifference(yTrue, yPred, groups)),
                ["equal_opportunity_ratio"] = From(FairnessMeasures.EqualOpportunityRatio(yTrue, yPred, groups)),
            };
        }
        return result;
    }

    private static Measured From(FairnessValue value) => value.Value is { } v ? Measured.Of(v) : Measured.Missing(value.UndefinedReason!);
}

using Keel.Data;
using Keel.Fairness.Metrics;
using Keel.Learn;
using Keel.Learn.Models;

namespace Keel.Fairness.Mitigation;

/// <summary>The rates of one sensitive group on labelled rows.</summary>
/// <param name="TruePositiveRate">Null when the group has no positive labels.</param>
/// <param name="FalsePositiveRate">Null when the group has no negative labels.</param>
public sealed record GroupRates(string Group, int Rows, double SelectionRate, double? TruePositiveRate, double? FalsePositiveRate);

/// <summary>
/// How a binary model does on labelled rows, overall and between the groups of a sensitive column: accuracy, and
/// Fairlearn's demographic parity, equalized odds and equal opportunity differences (between groups; null where a
/// measure is undefined, e.g. a group without positive labels), with each group's rates. What a mitigation is
/// judged by, before and after.
/// </summary>
public sealed record MitigationMeasures(int Rows, double Accuracy, double? DemographicParityDifference, double? EqualizedOddsDifference,
    double? EqualOpportunityDifference, IReadOnlyList<GroupRates> Groups)
{
    /// <summary>The measures of a model's predictions (its labels, randomized ones included) on the labelled rows of a table.</summary>
    public static MitigationMeasures Of(Model model, Table rows, string sensitiveColumn)
    {
        ArgumentNullException.ThrowIfNull(model);
        var groups = SensitiveGroups.Of(rows, model.Target, sensitiveColumn);
        var labelled = rows.Take(groups.Rows);
        var positive = model.Target.Classes[1];
        var predicted = model.Predict(labelled).Labels!.Select(l => l == positive).ToArray();
        var truth = groups.Labels.Select(y => y == 1).ToArray();
        var names = Enumerable.Range(0, groups.Count).Select(groups.Group).ToArray();
        var accuracy = Enumerable.Range(0, truth.Length).Count(i => truth[i] == predicted[i]) / (double)truth.Length;
        var perGroup = groups.Names.Select((name, g) =>
        {
            var members = Enumerable.Range(0, groups.Count).Where(i => groups.Codes[i] == g).ToArray();
            var positives = members.Where(i => truth[i]).ToArray();
            var negatives = members.Where(i => !truth[i]).ToArray();
            return new GroupRates(name, members.Length,
                members.Count(i => predicted[i]) / (double)members.Length,
                positives.Length == 0 ? null : positives.Count(i => predicted[i]) / (double)positives.Length,
                negatives.Length == 0 ? null : negatives.Count(i => predicted[i]) / (double)negatives.Length);
        }).ToArray();
        return new MitigationMeasures(truth.Length, accuracy,
            FairnessMeasures.DemographicParityDifference(predicted, names).Value,
            FairnessMeasures.EqualizedOddsDifference(truth, predicted, names).Value,
            FairnessMeasures.EqualOpportunityDifference(truth, predicted, names).Value,
            perGroup);
    }
}

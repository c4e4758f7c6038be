using Keel.Data;

namespace Keel.Learn.Models.Decisions;

/// <summary>
/// Post-processing per sensitive group (Hardt, Price and Srebro 2016; Fairlearn's <c>ThresholdOptimizer</c>): the
/// base model's P(positive) becomes the group's randomized P(positive). It reads the sensitive column at prediction
/// time, so that column is part of the model's input signature. A group never seen in training, or a missing group,
/// is refused: there is no rule for it.
/// </summary>
public sealed record GroupThresholds(string SensitiveColumn, IReadOnlyList<GroupThreshold> Groups)
{
    private Dictionary<string, GroupThreshold>? _byGroup;

    private Dictionary<string, GroupThreshold> ByGroup => _byGroup ??= Groups.ToDictionary(g => g.Group, StringComparer.Ordinal);

    /// <summary>The group of each row of a table, checked: the column must exist and every value be a known group.</summary>
    public string[] GroupsOf(Table table)
    {
        var index = table.Schema.TryIndexOf(SensitiveColumn);
        if (index < 0)
            throw new KeelLearnException($"The model post-processes by the sensitive column '{SensitiveColumn}', which the data lacks. Add it (its groups: {string.Join(", ", Groups.Select(g => g.Group))}).");
        var column = table[index];
        var groups = new string[table.RowCount];
        for (var i = 0; i < groups.Length; i++) groups[i] = Check(column.FormatValue(i), i);
        return groups;
    }

    /// <summary>Refuses a missing or unknown group, naming the row and the groups the model knows.</summary>
    public string Check(string? group, int row)
    {
        if (group is null)
            throw new KeelLearnException($"Row {row} has no value in the sensitive column '{SensitiveColumn}'; the model needs one of: {string.Join(", ", Groups.Select(g => g.Group))}.");
        if (!ByGroup.ContainsKey(group))
            throw new KeelLearnException($"Row {row} has '{group}' in the sensitive column '{SensitiveColumn}', a group the model was not fitted on; it knows: {string.Join(", ", Groups.Select(g => g.Group))}.");
        return group;
    }

    /// <summary>P(positive) of a row of a group with the base model's score.</summary>
    public double PositiveProbability(string group, double score) => ByGroup[group].PositiveProbability(score);
}

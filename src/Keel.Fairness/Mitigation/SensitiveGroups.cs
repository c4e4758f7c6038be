using Keel.Data;
using Keel.Learn;

namespace Keel.Fairness.Mitigation;

/// <summary>
/// The binary labels (0/1) and sensitive groups of the labelled rows of a table: what every mitigator fits on.
/// Rows without a label are left out (<see cref="Rows"/> maps back to the table); a missing group is refused.
/// </summary>
internal sealed record SensitiveGroups(string Column, int[] Rows, int[] Labels, int[] Codes, string[] Names)
{
    public int Count => Rows.Length;

    public string Group(int i) => Names[Codes[i]];

    public static SensitiveGroups Of(Table table, Target target, string sensitiveColumn)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Task != TaskKind.Binary)
            throw new KeelLearnException($"Fairness mitigation needs a binary label; '{target.Column}' is {target.Task.ToString().ToLowerInvariant()}.");
        var index = table.Schema.TryIndexOf(sensitiveColumn);
        if (index < 0)
            throw new KeelLearnException($"The sensitive column '{sensitiveColumn}' does not exist. The columns are: {string.Join(", ", table.Schema.Names)}.");
        if (sensitiveColumn == target.Column)
            throw new KeelLearnException($"The sensitive column '{sensitiveColumn}' is the label; choose another column.");
        var column = table[index];
        var encoded = target.Encode(table);
        var rows = new List<int>(encoded.Length);
        var missing = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] < 0) continue;
            if (column.IsMissing(i)) { missing++; continue; }
            rows.Add(i);
        }
        if (missing > 0)
            throw new KeelLearnException($"The sensitive column '{sensitiveColumn}' is missing in {missing} labelled row{(missing == 1 ? "" : "s")}; every row needs a group. Fill or drop them.");
        if (rows.Count < 2) throw new KeelLearnException($"There are {rows.Count} rows with a label; mitigation needs more.");
        var values = rows.Select(i => column.FormatValue(i)!).ToArray();
        var names = values.Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToArray();
        var code = names.Select((n, k) => (n, k)).ToDictionary(p => p.n, p => p.k, StringComparer.Ordinal);
        return new SensitiveGroups(sensitiveColumn, rows.ToArray(), rows.Select(i => (int)encoded[i]).ToArray(), values.Select(v => code[v]).ToArray(), names);
    }
}

using Keel.Data;

namespace Keel.Monitoring.Multivariate;

/// <summary>
/// The columns a multivariate drift method reads: numeric, categorical and boolean columns, checked against the tables
/// with every problem named in one message.
/// </summary>
internal static class MonitoredColumns
{
    public static bool Usable(ColumnType type) => type is ColumnType.Numeric or ColumnType.Categorical or ColumnType.Boolean;

    /// <summary>
    /// The requested columns, or, when none are requested, the feature columns (role <see cref="ColumnRole.Feature"/>)
    /// of a usable type. With <paramref name="current"/>, the columns must be in both tables with the same type, and by
    /// default a feature column that only one table has is refused rather than silently left out.
    /// </summary>
    public static IReadOnlyList<string> Resolve(Table reference, Table? current, IReadOnlyList<string>? requested)
    {
        var problems = new List<string>();
        List<string> names;
        if (requested is not null)
        {
            names = requested.ToList();
            foreach (var name in names)
            {
                Check(reference, "the reference", name, problems);
                if (current is not null) Check(current, "the current data", name, problems);
            }
        }
        else
        {
            names = Features(reference).ToList();
            if (current is not null)
            {
                var inCurrent = Features(current).ToList();
                foreach (var name in names.Where(n => !current.Schema.Contains(n)))
                    problems.Add($"Column '{name}' is in the reference but not in the current data.");
                foreach (var name in inCurrent.Where(n => !reference.Schema.Contains(n)))
                    problems.Add($"Column '{name}' is in the current data but not in the reference.");
                names = names.Where(current.Schema.Contains).ToList();
            }
            if (names.Count == 0 && problems.Count == 0)
                problems.Add("The reference has no numeric, categorical or boolean feature column to compare.");
        }
        if (current is not null)
            foreach (var name in names.Where(n => reference.Schema.Contains(n) && current.Schema.Contains(n)))
            {
                var (before, after) = (reference[name].Type, current[name].Type);
                if (before != after && Usable(before) && Usable(after))
                    problems.Add($"Column '{name}' is {Word(before)} in the reference but {Word(after)} in the current data.");
            }
        if (problems.Count > 0)
        {
            var hint = requested is null && problems.Any(p => p.Contains(" but not in ", StringComparison.Ordinal))
                ? " Set Columns to compare only the columns both tables have."
                : "";
            throw new KeelDataException(string.Join(" ", problems) + hint);
        }
        return names;
    }

    /// <summary>Refuses a table that lacks one of the columns or has one of another type than the fitted one.</summary>
    public static void Require(Table table, IReadOnlyList<(string Name, ColumnType Type)> columns)
    {
        var problems = new List<string>();
        foreach (var (name, type) in columns)
        {
            var i = table.Schema.TryIndexOf(name);
            if (i < 0) problems.Add($"Column '{name}' is in the reference but not in these rows.");
            else if (table[i].Type != type) problems.Add($"Column '{name}' is {Word(type)} in the reference but {Word(table[i].Type)} in these rows.");
        }
        if (problems.Count > 0) throw new KeelDataException(string.Join(" ", problems));
    }

    /// <summary>What is wrong with an options record's column list: empty, or naming a column twice.</summary>
    public static IEnumerable<string> ListProblems(IReadOnlyList<string>? columns)
    {
        if (columns is null) yield break;
        if (columns.Count == 0) yield return "Columns must name at least one column, or be null for every feature column.";
        var repeated = columns.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"'{g.Key}'").ToArray();
        if (repeated.Length > 0) yield return $"Columns names {string.Join(", ", repeated)} more than once.";
    }

    public static string Word(ColumnType type) => type.ToString().ToLowerInvariant();

    private static IEnumerable<string> Features(Table table) =>
        table.Schema.Columns.Where(c => c.Role == ColumnRole.Feature && Usable(c.Type)).Select(c => c.Name);

    private static void Check(Table table, string which, string name, List<string> problems)
    {
        var i = table.Schema.TryIndexOf(name);
        if (i < 0)
            problems.Add($"Column '{name}' is not in {which}.");
        else if (!Usable(table[i].Type))
            problems.Add($"Column '{name}' is {Word(table[i].Type)} in {which}; only numeric, categorical and boolean columns can be compared.");
    }
}

using Keel.Data;
using Keel.Fairness.Metrics;
using Keel.Learn;

namespace Keel.Fairness;

/// <summary>Reads the label, prediction, score and sensitive columns of a table for an audit, refusing what cannot be used.</summary>
internal static class AuditColumns
{
    public static Column Find(Table table, string name, string role)
    {
        var i = table.Schema.TryIndexOf(name);
        if (i < 0)
            throw new KeelDataException($"The {role} column '{name}' does not exist. The columns are: {string.Join(", ", table.Schema.Names)}.");
        return table[i];
    }

    public static IReadOnlyList<SensitiveFeature> Features(Table table, IReadOnlyList<string> names, string role, int maxGroups, IReadOnlyList<int> rows)
    {
        var missing = names.Where(n => table.Schema.TryIndexOf(n) < 0).ToArray();
        if (missing.Length > 0)
            throw new KeelDataException($"The {role} column{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))} do{(missing.Length > 1 ? "" : "es")} not exist. The columns are: {string.Join(", ", table.Schema.Names)}.");
        var features = new List<SensitiveFeature>();
        foreach (var name in names)
        {
            var column = table[name];
            var values = rows.Select(column.FormatValue).ToArray();
            var distinct = values.Where(v => v is not null).Distinct(StringComparer.Ordinal).Count();
            if (distinct > maxGroups)
                throw new KeelDataException($"The {role} column '{name}' has {distinct} distinct values; an audit compares groups, and more than {maxGroups} would make each too small. Bin it first (e.g. age bands) or raise the limit.");
            features.Add(new SensitiveFeature(name, values));
        }
        return features;
    }

    /// <summary>The label and prediction classes of scored data and which of them is positive.</summary>
    public static (string Positive, string Negative) Classes(Table table, string label, string? positive)
    {
        var column = Find(table, label, "label");
        var values = Distinct(column);
        if (values.Count > 2)
            throw new KeelDataException($"The label column '{label}' is not binary: it has {values.Count} values ({Show(values)}). A fairness audit needs a yes/no outcome.");
        if (values.Count == 0)
            throw new KeelDataException($"The label column '{label}' has no values: every row is missing.");
        if (positive is not null)
        {
            if (!values.Contains(positive))
                throw new KeelDataException($"The positive class '{positive}' is not a value of the label column '{label}'. Its values are: {Show(values)}.");
            return (positive, values.FirstOrDefault(v => v != positive) ?? $"not {positive}");
        }
        if (values.Count == 1)
            throw new KeelDataException($"The label column '{label}' has one value ('{values[0]}'); name the positive class (--positive) so that the other outcome is known.");
        var target = Target.Detect(table, label, TaskKind.Binary);
        return (target.Classes[1], target.Classes[0]);
    }

    /// <summary>Each row's prediction as positive or not: the label's classes, or 0/1, or false/true.</summary>
    public static bool[] Predictions(Table table, string prediction, string positive, string negative, IReadOnlyList<int> rows)
    {
        var column = Find(table, prediction, "prediction");
        var values = Distinct(column);
        if (values.Count > 2)
            throw new KeelDataException($"The prediction column '{prediction}' is not binary: it has {values.Count} values ({Show(values)}). Give the predicted class (or 0/1); pass probabilities with the score option instead.");
        var missing = rows.Where(column.IsMissing).ToArray();
        if (missing.Length > 0)
            throw new KeelDataException($"The prediction column '{prediction}' is missing in {missing.Length} rows (the first is row {missing[0] + 1}); every assessed row needs a prediction.");
        string yes;
        if (values.All(v => v == positive || v == negative)) yes = positive;
        else if (values.All(v => v is "0" or "1")) yes = "1";
        else if (values.All(v => v is "false" or "true")) yes = "true";
        else
            throw new KeelDataException($"The prediction column '{prediction}' has values {Show(values)}, which are neither the label's classes ({positive}, {negative}) nor 0/1 or false/true.");
        return rows.Select(i => column.FormatValue(i) == yes).ToArray();
    }

    public static double[] Scores(Table table, string score, IReadOnlyList<int> rows, bool complement)
    {
        var column = Find(table, score, "score");
        if (column is not NumericColumn numeric)
            throw new KeelDataException($"The score column '{score}' is {column.Type.ToString().ToLowerInvariant()}, not numeric: it must hold P(positive) between 0 and 1.");
        var result = new double[rows.Count];
        for (var k = 0; k < rows.Count; k++)
        {
            var v = numeric[rows[k]];
            if (!(v >= 0 && v <= 1))
                throw new KeelDataException($"The score column '{score}' must hold probabilities between 0 and 1; row {rows[k] + 1} is {(double.IsNaN(v) ? "missing" : v.ToString(System.Globalization.CultureInfo.InvariantCulture))}.");
            result[k] = complement ? 1 - v : v;
        }
        return result;
    }

    private static List<string> Distinct(Column column)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < column.Length && set.Count <= 20; i++)
            if (column.FormatValue(i) is { } v) set.Add(v);
        return set.ToList();
    }

    private static string Show(List<string> values) =>
        string.Join(", ", values.Take(10)) + (values.Count > 10 ? ", ..." : "");
}

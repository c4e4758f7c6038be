using System.Globalization;
using Keel.Data;
using Keel.Data.Profiling;

namespace Keel.Monitoring.Quality;

/// <summary>
/// Data-quality checks of new rows against the reference's <see cref="DataProfile"/> (the one a bundle carries, so
/// no training data is needed): columns that went missing or appeared, values that are not of the reference's type
/// (text where numbers were), a missing share that rose, numbers outside the reference's range, and categories the
/// reference never saw. Each window is checked on its own; every problem is a sentence that names the column.
/// </summary>
/// <example>
/// <code>
/// var windows = DataQuality.Windows(bundle.Profile, currentTable, windowSize: 1000);
/// foreach (var issue in windows.SelectMany(w => w.Issues)) Console.WriteLine(issue.Message);
/// </code>
/// </example>
public static class DataQuality
{
    /// <summary>Checks every window of <paramref name="windowSize"/> rows of <paramref name="current"/>.</summary>
    public static IReadOnlyList<DataQualityResult> Windows(DataProfile reference, Table current, int windowSize, DataQualityOptions? options = null)
    {
        var results = new List<DataQualityResult>();
        foreach (var (start, rows) in Performance.PerformanceBands.Windows(current.RowCount, windowSize))
            results.Add(Check(reference, current.Take(Enumerable.Range(start, rows).ToArray()), options) with { Start = start });
        return results;
    }

    /// <summary>Checks all the rows of <paramref name="current"/> as one window.</summary>
    public static DataQualityResult Check(DataProfile reference, Table current, DataQualityOptions? options = null)
    {
        options ??= new DataQualityOptions();
        if (options.Problems() is { } problems) throw new ArgumentException(problems, nameof(options));
        var issues = new List<DataQualityIssue>();
        var columns = new List<ColumnQuality>();
        foreach (var expected in reference.Columns)
        {
            if (expected.Role == ColumnRole.Label) continue;
            if (current.Schema.TryIndexOf(expected.Name) < 0)
            {
                issues.Add(new DataQualityIssue(DataQualityKind.MissingColumn, expected.Name, $"Column '{expected.Name}' is missing: the reference has it, these rows do not."));
                continue;
            }
            var quality = Column(expected, current[expected.Name]);
            columns.Add(quality);
            Judge(quality, options, issues);
        }
        foreach (var name in current.Schema.Names.Where(n => reference.Columns.All(c => c.Name != n)))
            issues.Add(new DataQualityIssue(DataQualityKind.NewColumn, name, $"Column '{name}' is new: the reference does not have it."));
        return new DataQualityResult(0, current.RowCount, columns, issues);
    }

    private static void Judge(ColumnQuality q, DataQualityOptions options, List<DataQualityIssue> issues)
    {
        var name = q.Column;
        static string Quote(IReadOnlyList<string> values) => values.Count == 0 ? "" : $" (e.g. {string.Join(", ", values.Select(e => $"'{e}'"))})";
        string Examples() => Quote(q.Examples);
        if (q.TypeErrors > 0)
            issues.Add(new DataQualityIssue(DataQualityKind.TypeErrors, name,
                $"{Values(q.TypeErrors)} of '{name}' {(q.TypeErrors == 1 ? "is" : "are")} not {Article(q.ReferenceType)}{Quote(q.TypeErrorExamples)}; the reference column is {q.ReferenceType}. {(q.TypeErrors == 1 ? "It is" : "They are")} left out of the other checks."));
        if (q.CurrentMissingShare - q.ReferenceMissingShare > options.MissingIncrease)
            issues.Add(new DataQualityIssue(DataQualityKind.MissingRate, name,
                string.Create(CultureInfo.InvariantCulture, $"'{name}' is missing in {Percent(q.CurrentMissingShare)} of rows, against {Percent(q.ReferenceMissingShare)} in the reference.")));
        var present = Math.Max(1, q.Rows - (long)Math.Round(q.CurrentMissingShare * q.Rows) - q.TypeErrors);
        if (q.OutOfRange > 0 && (double)q.OutOfRange / present >= options.OutOfRangeShare)
            issues.Add(new DataQualityIssue(DataQualityKind.OutOfRange, name,
                string.Create(CultureInfo.InvariantCulture, $"{Values(q.OutOfRange)} of '{name}' ({Percent((double)q.OutOfRange / present)}) {(q.OutOfRange == 1 ? "is" : "are")} outside the reference's range{Examples()}.")));
        if (q.Unseen > 0 && (double)q.Unseen / present >= options.UnseenShare)
            issues.Add(new DataQualityIssue(DataQualityKind.UnseenCategories, name,
                string.Create(CultureInfo.InvariantCulture, $"{Values(q.Unseen)} of '{name}' ({Percent((double)q.Unseen / present)}) {(q.Unseen == 1 ? "is a category" : "are categories")} the reference never saw{Examples()}.")));
    }

    private static string Values(long count) => count == 1 ? "1 value" : count.ToString("N0", CultureInfo.InvariantCulture) + " values";

    private static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Article(string type) => type switch
    {
        "Numeric" => "numbers",
        "DateTime" => "dates",
        "Boolean" => "true/false values",
        _ => type.ToLowerInvariant() + " values",
    };

    /// <summary>Compares one column with its reference profile, reading values of another type as the reference's type where they parse.</summary>
    private static ColumnQuality Column(ColumnProfile expected, Column column)
    {
        var rows = column.Length;
        long missing = 0, outOfRange = 0, unseen = 0, typeErrors = 0;
        var examples = new List<string>();
        var typeExamples = new List<string>();
        static void Add(List<string> list, string? text) { if (text is not null && list.Count < 3 && !list.Contains(text)) list.Add(text); }
        void Example(string? text) => Add(examples, text);
        void TypeExample(string? text) => Add(typeExamples, text);
        if (expected.Type == ColumnType.Numeric)
        {
            var (min, max) = expected.Numeric is { Count: > 0 } n ? (n.Min, n.Max) : (double.NegativeInfinity, double.PositiveInfinity);
            for (var r = 0; r < rows; r++)
            {
                double value;
                if (column is NumericColumn numeric) value = numeric.Values[r];
                else if (column.IsMissing(r)) value = double.NaN;
                else if (!double.TryParse(column.FormatValue(r), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                {
                    typeErrors++;
                    TypeExample(column.FormatValue(r));
                    continue;
                }
                if (double.IsNaN(value)) { missing++; continue; }
                if (value < min || value > max)
                {
                    outOfRange++;
                    Example(value.ToString("R", CultureInfo.InvariantCulture));
                }
            }
        }
        else if (expected.Categories is { } categories && expected.Type is ColumnType.Categorical or ColumnType.Boolean)
        {
            var complete = categories.OtherCount == 0;
            for (var r = 0; r < rows; r++)
            {
                var text = column.FormatValue(r);
                if (column.IsMissing(r) || text is null) { missing++; continue; }
                if (complete && !categories.Counts.ContainsKey(text))
                {
                    unseen++;
                    Example(text);
                }
            }
        }
        else
        {
            missing = column.MissingCount();
            if (expected.Type != column.Type && expected.Type == ColumnType.DateTime)
                for (var r = 0; r < rows; r++)
                    if (!column.IsMissing(r) && !DateTime.TryParse(column.FormatValue(r), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _))
                    {
                        typeErrors++;
                        TypeExample(column.FormatValue(r));
                    }
        }
        return new ColumnQuality(expected.Name, expected.Type.ToString(), column.Type.ToString(), expected.MissingShare,
            rows == 0 ? 0 : (double)missing / rows, outOfRange, unseen, typeErrors, typeExamples, examples, rows);
    }
}

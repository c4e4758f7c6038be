using Keel.Data;

namespace Keel.Monitoring.Multivariate;

/// <summary>
/// The data a domain classifier learns from: up to a number of rows drawn (seeded, without replacement) from each
/// table, stacked reference first, with a categorical label column that says which table each row came from.
/// </summary>
internal sealed record DomainSample(Table Rows, string Label, double[] Labels, int ReferenceRows, int CurrentRows)
{
    public const string ReferenceClass = "reference";
    public const string CurrentClass = "current";

    public static DomainSample Draw(Table reference, Table current, IReadOnlyList<string> columns, int maxRows, int seed)
    {
        var random = new Random(seed);
        var fromReference = Draw(reference.RowCount, maxRows, random);
        var fromCurrent = Draw(current.RowCount, maxRows, random);
        var a = reference.Select(columns).Take(fromReference);
        var b = current.Select(columns).Take(fromCurrent);
        var stacked = columns.Select((name, j) => Stack(a[j], b[j])).ToList();
        var label = "domain";
        while (columns.Contains(label, StringComparer.Ordinal)) label = "_" + label;
        var n = a.RowCount + b.RowCount;
        var codes = new int[n];
        for (var i = a.RowCount; i < n; i++) codes[i] = 1;
        stacked.Add(new CategoricalColumn(label, codes, [ReferenceClass, CurrentClass]));
        var schema = new Schema([.. columns.Select((name, j) => new ColumnSchema(name, stacked[j].Type)), new ColumnSchema(label, ColumnType.Categorical, ColumnRole.Label)]);
        return new DomainSample(new Table(schema, stacked), label, codes.Select(c => (double)c).ToArray(), a.RowCount, b.RowCount);
    }

    /// <summary>All rows when there are at most <paramref name="maxRows"/>, otherwise a seeded draw, in table order.</summary>
    private static int[] Draw(int count, int maxRows, Random random)
    {
        var rows = Enumerable.Range(0, count).ToArray();
        if (count <= maxRows) return rows;
        for (var i = 0; i < maxRows; i++)
        {
            var j = random.Next(i, count);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
        var drawn = rows[..maxRows];
        Array.Sort(drawn);
        return drawn;
    }

    /// <summary>The rows of <paramref name="a"/> then those of <paramref name="b"/>, two columns of the same type.</summary>
    private static Column Stack(Column a, Column b)
    {
        switch (a, b)
        {
            case (NumericColumn x, NumericColumn y):
                return new NumericColumn(a.Name, [.. x.Values, .. y.Values]);
            case (BooleanColumn x, BooleanColumn y):
                return new BooleanColumn(a.Name, [.. x.Values, .. y.Values]);
            case (CategoricalColumn x, CategoricalColumn y):
            {
                var categories = x.Categories.ToList();
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var k = 0; k < categories.Count; k++) index.TryAdd(categories[k], k);
                var map = y.Categories.Select(c =>
                {
                    if (index.TryGetValue(c, out var k)) return k;
                    index[c] = categories.Count;
                    categories.Add(c);
                    return categories.Count - 1;
                }).ToArray();
                var codes = new int[x.Length + y.Length];
                x.Codes.CopyTo(codes);
                for (var i = 0; i < y.Length; i++) codes[x.Length + i] = y.Codes[i] < 0 ? -1 : map[y.Codes[i]];
                return new CategoricalColumn(a.Name, codes, [.. categories]);
            }
            default:
                throw new KeelDataException($"Column '{a.Name}' is {MonitoredColumns.Word(a.Type)} in the reference but {MonitoredColumns.Word(b.Type)} in the current data.");
        }
    }
}

using Keel.Data;
using Keel.Data.Profiling;

namespace Keel.Monitoring.Drift;

/// <summary>
/// Profile mode: a stand-in for the reference rows built from a <see cref="DataProfile"/> alone (the one a bundle
/// carries), so drift can be tested without the training data and in memory that does not grow with its rows. A
/// numeric column becomes a quantile sketch: <c>rows</c> values spread over the profile's histogram bins in their
/// counted proportions (evenly inside a bin; on the lower edge of a bin that holds a repeated value), or, for a column
/// the profile binned one value per bin, those values in their counted proportions; a categorical or boolean column becomes its categories in their counted
/// proportions. Missing values are left out, as the drift tests leave them out. The tests then run as in exact mode;
/// how far their numbers stray from exact mode is measured in docs/monitoring.md.
/// </summary>
public static class ProfileReference
{
    /// <summary>The default size of the sketch: 20,000 values a column.</summary>
    public const int DefaultRows = 20_000;

    /// <summary>
    /// The stand-in table: one column per profiled feature column (labels, ids and ignored columns left out), each
    /// of min(<paramref name="rows"/>, the column's non-missing count) values.
    /// </summary>
    public static Table Build(DataProfile profile, int rows = DefaultRows)
    {
        if (rows < 10) throw new ArgumentOutOfRangeException(nameof(rows), rows, "A reference sketch needs at least 10 values a column.");
        var columns = new List<Column>();
        foreach (var column in profile.Columns.Where(c => c.Role is ColumnRole.Feature or ColumnRole.Sensitive))
        {
            var present = (int)Math.Min(rows, column.Count - column.Missing);
            if (present <= 0) continue;
            switch (column.Type)
            {
                case ColumnType.Numeric when column.Numeric is { Count: > 0 } numeric:
                    columns.Add(new NumericColumn(column.Name, Numbers(numeric, present)));
                    break;
                case ColumnType.Categorical when column.Categories is { } categories:
                    columns.Add(Categorical(column.Name, categories, present));
                    break;
                case ColumnType.Boolean when column.Categories is { } categories:
                    columns.Add(Boolean(column.Name, categories, present));
                    break;
            }
        }
        // Columns of different lengths: pad each to the longest with missing values, which the tests leave out.
        var length = columns.Count == 0 ? 0 : columns.Max(c => c.Length);
        return new Table([.. columns.Select(c => Pad(c, length))]);
    }

    private static double[] Numbers(NumericSummary numeric, int count)
    {
        if (Discrete(numeric) is { } values)
            return Spread(values, numeric.BinCounts, count);
        // Values per bin in the bin's proportion; inside a bin, evenly spread, except in a bin holding at least three
        // times the share of one of the profile's 50 nominal bins (a value repeated for many rows: zeros of a capital gain, 40 hours a week), which quantile
        // edges start at the repeated value: there all values sit on the bin's lower edge.
        var bins = numeric.BinCounts.Length;
        var counts = new long[bins + 2];
        counts[0] = numeric.Below;
        Array.Copy(numeric.BinCounts, 0, counts, 1, bins);
        counts[^1] = numeric.Above;
        var take = Spread(Enumerable.Range(0, bins + 2).ToArray(), counts, count).GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
        var total = Math.Max(1, counts.Sum());
        var result = new List<double>(count);
        for (var b = 0; b < bins + 2; b++)
        {
            if (!take.TryGetValue(b, out var n)) continue;
            if (b == 0) { result.AddRange(Enumerable.Repeat(numeric.Min, n)); continue; }
            if (b == bins + 1) { result.AddRange(Enumerable.Repeat(numeric.Max, n)); continue; }
            var (lo, hi) = (numeric.BinEdges[b - 1], numeric.BinEdges[b]);
            if ((double)counts[b] / total >= 3.0 / DataProfile.DefaultBins) { result.AddRange(Enumerable.Repeat(lo, n)); continue; }
            for (var i = 0; i < n; i++) result.Add(lo + (hi - lo) * (i + 0.5) / n);
        }
        return [.. result];
    }

    /// <summary>The distinct values of a column the profile binned one value per bin (edges at the midpoints), or null.</summary>
    private static double[]? Discrete(NumericSummary numeric)
    {
        var edges = numeric.BinEdges;
        if (edges.Length < 2 || numeric.Below > 0 || numeric.Above > 0) return null;
        if (edges.Length == 2 && edges[0] == edges[1]) return [edges[0]];
        var values = new double[edges.Length - 1];
        values[0] = edges[0];
        for (var k = 1; k < values.Length; k++)
        {
            values[k] = 2 * edges[k] - values[k - 1];
            if (!(values[k] > values[k - 1])) return null;
        }
        var last = values[^1];
        return Math.Abs(last - edges[^1]) <= 1e-9 * Math.Max(1, Math.Abs(last)) ? values : null;
    }

    private static CategoricalColumn Categorical(string name, CategorySummary categories, int count)
    {
        var labels = categories.Counts.Keys.Order(StringComparer.Ordinal).ToArray();
        var values = Spread(labels, labels.Select(l => categories.Counts[l]).ToArray(), count);
        return CategoricalColumn.FromStrings(name, values!);
    }

    private static BooleanColumn Boolean(string name, CategorySummary categories, int count)
    {
        var labels = categories.Counts.Keys.Order(StringComparer.Ordinal).ToArray();
        var values = Spread(labels, labels.Select(l => categories.Counts[l]).ToArray(), count);
        return new BooleanColumn(name, values.Select(v => bool.TryParse(v, out var b) ? (byte)(b ? 1 : 0) : BooleanColumn.Missing).ToArray());
    }

    /// <summary><paramref name="count"/> values in the proportions of <paramref name="counts"/>, by largest remainder.</summary>
    private static T[] Spread<T>(T[] labels, long[] counts, int count)
    {
        var total = counts.Sum();
        var take = new long[labels.Length];
        var remainders = new (double Remainder, int Index)[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            var exact = total == 0 ? 0 : (double)counts[i] * count / total;
            take[i] = (long)Math.Floor(exact);
            remainders[i] = (exact - take[i], i);
        }
        var left = count - take.Sum();
        foreach (var (_, i) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)left)) take[i]++;
        var result = new List<T>(count);
        for (var i = 0; i < labels.Length; i++) result.AddRange(Enumerable.Repeat(labels[i], (int)take[i]));
        return [.. result];
    }

    private static Column Pad(Column column, int length)
    {
        if (column.Length == length) return column;
        return column switch
        {
            NumericColumn n => new NumericColumn(n.Name, [.. n.Values.ToArray(), .. Enumerable.Repeat(double.NaN, length - n.Length)]),
            CategoricalColumn c => new CategoricalColumn(c.Name, [.. c.Codes.ToArray(), .. Enumerable.Repeat(-1, length - c.Length)], [.. c.Categories]),
            BooleanColumn b => new BooleanColumn(b.Name, [.. b.Values.ToArray(), .. Enumerable.Repeat(BooleanColumn.Missing, length - b.Length)]),
            _ => column,
        };
    }
}

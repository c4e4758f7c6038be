namespace Keel.Data.Profiling;

/// <summary>Builds the <see cref="ColumnProfile"/> of one column.</summary>
internal static class ColumnProfiler
{
    public static ColumnProfile Profile(Column column, ColumnRole role, double[]? edges, int bins)
    {
        var profile = new ColumnProfile
        {
            Name = column.Name,
            Type = column.Type,
            Role = role,
            Count = column.Length,
            Missing = column.MissingCount(),
        };
        return column switch
        {
            NumericColumn n => profile with { Numeric = Summarize(NonMissing(n.Values), edges, bins) },
            DateTimeColumn d => profile with { Numeric = Summarize(NonMissing(d.Ticks), edges, bins) },
            CategoricalColumn c => profile with { Categories = Count(c) },
            _ => profile with { Categories = Count(column) },
        };
    }

    private static double[] NonMissing(ReadOnlySpan<double> values)
    {
        var result = new List<double>(values.Length);
        foreach (var v in values) if (!double.IsNaN(v)) result.Add(v);
        return result.ToArray();
    }

    private static double[] NonMissing(ReadOnlySpan<long> ticks)
    {
        var result = new List<double>(ticks.Length);
        foreach (var t in ticks) if (t != DateTimeColumn.Missing) result.Add(t);
        return result.ToArray();
    }

    internal static NumericSummary Summarize(double[] values, double[]? edges, int bins)
    {
        double mean = 0, m2 = 0, min = double.NaN, max = double.NaN;
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            var delta = x - mean;
            mean += delta / (i + 1);
            m2 += delta * (x - mean);
            if (i == 0 || x < min) min = x;
            if (i == 0 || x > max) max = x;
        }
        edges ??= Edges(values, bins);
        var counts = new long[Math.Max(0, edges.Length - 1)];
        long below = 0, above = 0;
        foreach (var x in values)
        {
            var k = Bin(edges, x);
            if (k == -1) below++;
            else if (k == -2) above++;
            else counts[k]++;
        }
        return new NumericSummary
        {
            Count = values.Length,
            Min = min,
            Max = max,
            Mean = values.Length == 0 ? double.NaN : mean,
            SumSquaredDeviations = m2,
            BinEdges = edges,
            BinCounts = counts,
            Below = below,
            Above = above,
        };
    }

    /// <summary>The bin of a value: its index, -1 below the first edge, -2 above the last.</summary>
    internal static int Bin(double[] edges, double x)
    {
        if (edges.Length < 2) return x < (edges.Length == 1 ? edges[0] : 0) ? -1 : -2;
        if (x < edges[0]) return -1;
        if (x > edges[^1]) return -2;
        var k = Array.BinarySearch(edges, x);
        if (k < 0) k = ~k - 1;
        return Math.Min(k, edges.Length - 2);
    }

    /// <summary>Quantile edges (one bin per value when there are few distinct values), strictly ascending.</summary>
    internal static double[] Edges(double[] values, int bins)
    {
        if (values.Length == 0) return [];
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var distinct = new List<double>();
        foreach (var v in sorted)
        {
            if (distinct.Count == 0 || v != distinct[^1]) distinct.Add(v);
            if (distinct.Count > bins) break;
        }
        if (distinct.Count == 1) return [distinct[0], distinct[0]];
        if (distinct.Count <= bins)
        {
            var e = new double[distinct.Count + 1];
            e[0] = distinct[0];
            for (var k = 1; k < distinct.Count; k++) e[k] = (distinct[k - 1] + distinct[k]) / 2;
            e[^1] = distinct[^1];
            return e;
        }
        var edges = new List<double> { sorted[0] };
        for (var k = 1; k < bins; k++)
        {
            var pos = (double)k / bins * (sorted.Length - 1);
            var lo = (int)Math.Floor(pos);
            var q = sorted[lo] + (pos - lo) * (sorted[Math.Min(lo + 1, sorted.Length - 1)] - sorted[lo]);
            if (q > edges[^1]) edges.Add(q);
        }
        if (sorted[^1] > edges[^1]) edges.Add(sorted[^1]);
        return edges.ToArray();
    }

    private static CategorySummary Count(CategoricalColumn c)
    {
        var counts = new long[c.Categories.Count];
        foreach (var code in c.Codes) if (code >= 0) counts[code]++;
        var dict = new Dictionary<string, long>(StringComparer.Ordinal);
        long other = 0;
        foreach (var k in Enumerable.Range(0, counts.Length).OrderByDescending(k => counts[k]))
        {
            if (counts[k] == 0) continue;
            if (dict.Count < CategorySummary.MaxCategories) dict[c.Categories[k]] = counts[k];
            else other += counts[k];
        }
        return new CategorySummary { Counts = dict, OtherCount = other };
    }

    private static CategorySummary Count(Column column)
    {
        var dict = new Dictionary<string, long>(StringComparer.Ordinal);
        long other = 0;
        for (var i = 0; i < column.Length; i++)
        {
            var v = column.FormatValue(i);
            if (v is null) continue;
            if (dict.TryGetValue(v, out var n)) dict[v] = n + 1;
            else if (dict.Count < CategorySummary.MaxCategories) dict[v] = 1;
            else other++;
        }
        return new CategorySummary { Counts = dict, OtherCount = other };
    }
}

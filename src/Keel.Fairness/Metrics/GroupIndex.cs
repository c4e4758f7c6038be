namespace Keel.Fairness.Metrics;

/// <summary>The groups formed by one or more features: each group's name, values and rows, in the order of the values.</summary>
internal sealed class GroupIndex
{
    private GroupIndex(IReadOnlyList<string> names, IReadOnlyList<string[]> values, IReadOnlyList<int[]> rows)
    {
        Names = names;
        Values = values;
        Rows = rows;
    }

    /// <summary>Values joined by ", ", e.g. "Female, Black".</summary>
    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<string[]> Values { get; }

    public IReadOnlyList<int[]> Rows { get; }

    public static GroupIndex Build(IReadOnlyList<SensitiveFeature> features)
    {
        var n = features[0].Values.Count;
        var index = new Dictionary<string, (string[] Values, List<int> Rows)>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var values = new string[features.Count];
            for (var f = 0; f < features.Count; f++) values[f] = features[f].Values[i] ?? SensitiveFeature.MissingGroup;
            var key = string.Join('\u001f', values);
            if (!index.TryGetValue(key, out var entry)) index[key] = entry = (values, []);
            entry.Rows.Add(i);
        }
        var ordered = index.Values.OrderBy(e => e.Values, ValuesComparer.Instance).ToArray();
        return new GroupIndex(ordered.Select(e => string.Join(", ", e.Values)).ToArray(), ordered.Select(e => e.Values).ToArray(), ordered.Select(e => e.Rows.ToArray()).ToArray());
    }

    /// <summary>Ordinal order, feature by feature, with the missing group after every value.</summary>
    private sealed class ValuesComparer : IComparer<string[]>
    {
        public static readonly ValuesComparer Instance = new();

        public int Compare(string[]? x, string[]? y)
        {
            for (var i = 0; i < x!.Length; i++)
            {
                var xm = x[i] == SensitiveFeature.MissingGroup;
                var ym = y![i] == SensitiveFeature.MissingGroup;
                if (xm != ym) return xm ? 1 : -1;
                var c = string.CompareOrdinal(x[i], y[i]);
                if (c != 0) return c;
            }
            return 0;
        }
    }
}

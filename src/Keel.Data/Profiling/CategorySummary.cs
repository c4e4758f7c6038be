namespace Keel.Data.Profiling;

/// <summary>Frequencies of the values of a categorical, boolean or text column.</summary>
public sealed record CategorySummary
{
    /// <summary>How many distinct values are counted one by one; the rest are added to <see cref="OtherCount"/>.</summary>
    public const int MaxCategories = 10_000;

    public required Dictionary<string, long> Counts { get; init; }

    /// <summary>Values beyond <see cref="MaxCategories"/> distinct ones.</summary>
    public long OtherCount { get; init; }

    /// <summary>The most frequent values, most frequent first (ties in ordinal order).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Top(int n) =>
        Counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(n).ToArray();

    public CategorySummary Merge(CategorySummary other)
    {
        var counts = new Dictionary<string, long>(Counts, StringComparer.Ordinal);
        var other_ = OtherCount + other.OtherCount;
        foreach (var (k, v) in other.Counts)
        {
            if (counts.TryGetValue(k, out var c)) counts[k] = c + v;
            else if (counts.Count < MaxCategories) counts[k] = v;
            else other_ += v;
        }
        return new CategorySummary { Counts = counts, OtherCount = other_ };
    }
}

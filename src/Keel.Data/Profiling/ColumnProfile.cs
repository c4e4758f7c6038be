namespace Keel.Data.Profiling;

/// <summary>The profile of one column: counts, and the summary that fits its type.</summary>
public sealed record ColumnProfile
{
    public required string Name { get; init; }

    public required ColumnType Type { get; init; }

    public ColumnRole Role { get; init; }

    public required long Count { get; init; }

    public required long Missing { get; init; }

    /// <summary>For numeric and date columns (dates as UTC ticks).</summary>
    public NumericSummary? Numeric { get; init; }

    /// <summary>For categorical, boolean and text columns.</summary>
    public CategorySummary? Categories { get; init; }

    public double MissingShare => Count == 0 ? 0 : (double)Missing / Count;

    public ColumnProfile Merge(ColumnProfile other)
    {
        if (other.Name != Name || other.Type != Type)
            throw new InvalidOperationException($"Cannot merge the profile of '{other.Name}' ({other.Type}) into '{Name}' ({Type}).");
        return this with
        {
            Count = Count + other.Count,
            Missing = Missing + other.Missing,
            Numeric = Numeric is null || other.Numeric is null ? Numeric ?? other.Numeric : Numeric.Merge(other.Numeric),
            Categories = Categories is null || other.Categories is null ? Categories ?? other.Categories : Categories.Merge(other.Categories),
        };
    }
}

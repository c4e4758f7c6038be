namespace Keel.Monitoring.Drift;

/// <summary>
/// The bins a binned drift test compared, and the share of each sample in each, as the test used them (after PSI's
/// zero fill), so that a report can draw the two distributions over each other.
/// </summary>
public sealed record DriftBins
{
    /// <summary>
    /// Histogram edges (one more than the shares) when a numeric column was binned by NumPy's Sturges rule; null when
    /// each category or distinct value is a bin of its own.
    /// </summary>
    public IReadOnlyList<double>? Edges { get; init; }

    /// <summary>The category (or distinct number) of each bin; null for histogram bins.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>The reference's share of each bin.</summary>
    public required IReadOnlyList<double> ReferenceShares { get; init; }

    /// <summary>The current data's share of each bin.</summary>
    public required IReadOnlyList<double> CurrentShares { get; init; }

    /// <summary>Equal when the edges, categories and shares are equal, element by element.</summary>
    public bool Equals(DriftBins? other) =>
        other is not null && Same(Edges, other.Edges) && Same(Categories, other.Categories) &&
        ReferenceShares.SequenceEqual(other.ReferenceShares) && CurrentShares.SequenceEqual(other.CurrentShares);

    public override int GetHashCode() => HashCode.Combine(ReferenceShares.Count, ReferenceShares.FirstOrDefault(), CurrentShares.FirstOrDefault());

    private static bool Same<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);
}

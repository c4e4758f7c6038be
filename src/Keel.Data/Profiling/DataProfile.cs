using System.Text.Json;

namespace Keel.Data.Profiling;

/// <summary>
/// A summary of a data set that is small, saved as JSON, and mergeable: the profile of two shards merged is the profile
/// of their union (counts, histograms and frequencies exactly; mean and deviation up to rounding), provided both were
/// built against the same reference, whose histogram bin edges they share.
/// </summary>
/// <example>
/// <code>
/// var reference = DataProfile.Build(train);
/// var today = DataProfile.Build(window1, reference).Merge(DataProfile.Build(window2, reference));
/// Console.WriteLine(today["tenure"].Numeric!.Mean);
/// </code>
/// </example>
public sealed record DataProfile
{
    public const int CurrentFormatVersion = 1;

    /// <summary>The default number of histogram bins of a numeric column.</summary>
    public const int DefaultBins = 50;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required long RowCount { get; init; }

    public required IReadOnlyList<ColumnProfile> Columns { get; init; }

    public ColumnProfile this[string name] =>
        Columns.FirstOrDefault(c => c.Name == name)
        ?? throw new KeelDataException($"The profile has no column '{name}'. It has: {string.Join(", ", Columns.Select(c => c.Name))}.");

    /// <summary>
    /// Profiles a table. Without a reference the histogram edges come from this table (quantile bins, or one bin per
    /// value when a column has few distinct values); with one, every numeric column reuses the reference's edges.
    /// </summary>
    public static DataProfile Build(Table table, DataProfile? reference = null, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (bins is < 2 or > 10_000) throw new ArgumentOutOfRangeException(nameof(bins), bins, "bins must be between 2 and 10,000.");
        var columns = new ColumnProfile[table.ColumnCount];
        for (var j = 0; j < columns.Length; j++)
        {
            var column = table[j];
            var edges = reference?.Columns.FirstOrDefault(c => c.Name == column.Name)?.Numeric?.BinEdges;
            columns[j] = ColumnProfiler.Profile(column, table.Schema[j].Role, edges, bins);
        }
        return new DataProfile { RowCount = table.RowCount, Columns = columns };
    }

    /// <summary>The profile of the union of the two data sets both profiles describe.</summary>
    public DataProfile Merge(DataProfile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var names = Columns.Select(c => c.Name).ToArray();
        if (!names.SequenceEqual(other.Columns.Select(c => c.Name)))
            throw new InvalidOperationException("Profiles merge only when they have the same columns in the same order.");
        return this with
        {
            RowCount = RowCount + other.RowCount,
            Columns = Columns.Zip(other.Columns, (a, b) => a.Merge(b)).ToArray(),
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, KeelJson.Options);

    public static DataProfile FromJson(string json)
    {
        var profile = JsonSerializer.Deserialize<DataProfile>(json, KeelJson.Options)
                      ?? throw new KeelDataException("The profile JSON is empty.");
        if (profile.FormatVersion > CurrentFormatVersion)
            throw new KeelDataException($"The profile was written by a newer Keel (format {profile.FormatVersion}; this Keel reads up to {CurrentFormatVersion}). Upgrade Keel.");
        return profile;
    }
}

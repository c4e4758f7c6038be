namespace Keel.Data.Io;

/// <summary>How to read a delimited text file. Every option is sniffed from the file when left unset.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The field separator. The default value is null: sniffed from the first lines among , ; tab and |.</summary>
    public char? Separator { get; init; }

    /// <summary>Whether the first row names the columns. The default value is null: sniffed from the first rows.</summary>
    public bool? HasHeader { get; init; }

    /// <summary>Column names for a file without a header. The default value is null: column1, column2, ...</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>Types that override inference, by column name. The default value is empty.</summary>
    public IReadOnlyDictionary<string, ColumnType> Types { get; init; } = new Dictionary<string, ColumnType>();

    /// <summary>Roles by column name. The default value is empty: every column is a feature, but text columns.</summary>
    public IReadOnlyDictionary<string, ColumnRole> Roles { get; init; } = new Dictionary<string, ColumnRole>();

    /// <summary>How many rows the sniffer looks at. The default value is 1000; the range is 10 to 1,000,000.</summary>
    public int SniffRows { get; init; } = 1000;

    /// <summary>Lets a long read report progress (rows read so far) and be cancelled.</summary>
    public IProgress<long>? Progress { get; init; }

    public CancellationToken CancellationToken { get; init; }
}

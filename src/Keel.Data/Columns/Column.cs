namespace Keel.Data;

/// <summary>One column of a <see cref="Table"/>: a name and a contiguous array of values. Columns are immutable.</summary>
public abstract class Column
{
    protected Column(string name) => Name = name ?? throw new ArgumentNullException(nameof(name));

    public string Name { get; }

    public abstract ColumnType Type { get; }

    public abstract int Length { get; }

    public abstract bool IsMissing(int row);

    /// <summary>The value as text, the way a CSV file would hold it; null when missing.</summary>
    public abstract string? FormatValue(int row);

    /// <summary>A new column with the given rows, in the given order.</summary>
    public abstract Column Take(ReadOnlySpan<int> rows);

    /// <summary>The same values under another name.</summary>
    public abstract Column Rename(string name);

    public int MissingCount()
    {
        var n = 0;
        for (var i = 0; i < Length; i++)
            if (IsMissing(i)) n++;
        return n;
    }
}

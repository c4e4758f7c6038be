namespace Keel.Data;

/// <summary>Free text or identifiers, one string per row; null marks a missing value.</summary>
public sealed class TextColumn : Column
{
    private readonly string?[] _values;

    public TextColumn(string name, string?[] values) : base(name) => _values = values;

    public override ColumnType Type => ColumnType.Text;

    public override int Length => _values.Length;

    public string? this[int row] => _values[row];

    public override bool IsMissing(int row) => _values[row] is null;

    public override string? FormatValue(int row) => _values[row];

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var v = new string?[rows.Length];
        for (var i = 0; i < rows.Length; i++) v[i] = _values[rows[i]];
        return new TextColumn(Name, v);
    }

    public override Column Rename(string name) => new TextColumn(name, _values);
}

namespace Keel.Data;

/// <summary>True/false values stored as one byte each: 0 false, 1 true, 255 missing.</summary>
public sealed class BooleanColumn : Column
{
    public const byte Missing = 255;
    private readonly byte[] _values;

    public BooleanColumn(string name, byte[] values) : base(name) => _values = values;

    public override ColumnType Type => ColumnType.Boolean;

    public override int Length => _values.Length;

    public ReadOnlySpan<byte> Values => _values;

    public bool? this[int row] => _values[row] == Missing ? null : _values[row] == 1;

    public override bool IsMissing(int row) => _values[row] == Missing;

    public override string? FormatValue(int row) => this[row] switch { null => null, true => "true", false => "false" };

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var v = new byte[rows.Length];
        for (var i = 0; i < rows.Length; i++) v[i] = _values[rows[i]];
        return new BooleanColumn(Name, v);
    }

    public override Column Rename(string name) => new BooleanColumn(name, _values);
}

namespace Keel.Data;

/// <summary>Real numbers; <see cref="double.NaN"/> marks a missing value.</summary>
public sealed class NumericColumn : Column
{
    private readonly double[] _values;

    public NumericColumn(string name, double[] values) : base(name) => _values = values;

    public override ColumnType Type => ColumnType.Numeric;

    public override int Length => _values.Length;

    public ReadOnlySpan<double> Values => _values;

    public double this[int row] => _values[row];

    public override bool IsMissing(int row) => double.IsNaN(_values[row]);

    public override string? FormatValue(int row) =>
        double.IsNaN(_values[row]) ? null : _values[row].ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var v = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++) v[i] = _values[rows[i]];
        return new NumericColumn(Name, v);
    }

    public override Column Rename(string name) => new NumericColumn(name, _values);
}

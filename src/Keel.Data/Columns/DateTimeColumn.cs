namespace Keel.Data;

/// <summary>Points in time as UTC ticks; <see cref="long.MinValue"/> marks a missing value.</summary>
public sealed class DateTimeColumn : Column
{
    public const long Missing = long.MinValue;
    private readonly long[] _ticks;

    public DateTimeColumn(string name, long[] ticks) : base(name) => _ticks = ticks;

    public override ColumnType Type => ColumnType.DateTime;

    public override int Length => _ticks.Length;

    public ReadOnlySpan<long> Ticks => _ticks;

    public DateTime? this[int row] => _ticks[row] == Missing ? null : new DateTime(_ticks[row], DateTimeKind.Utc);

    public override bool IsMissing(int row) => _ticks[row] == Missing;

    public override string? FormatValue(int row) =>
        this[row]?.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var v = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++) v[i] = _ticks[rows[i]];
        return new DateTimeColumn(Name, v);
    }

    public override Column Rename(string name) => new DateTimeColumn(name, _ticks);
}

using Keel.Data;

namespace Keel.Learn.Featurization;

/// <summary>Reads numeric, boolean and date columns as numbers (NaN missing; dates as days since 1970-01-01).</summary>
internal static class NumericReader
{
    public static bool Accepts(ColumnType expected, ColumnType actual) =>
        expected == actual || (expected == ColumnType.Boolean && actual == ColumnType.Numeric);

    public static double[] Read(Column column, ColumnType expected)
    {
        var result = new double[column.Length];
        switch (column)
        {
            case NumericColumn n:
                n.Values.CopyTo(result);
                break;
            case BooleanColumn b:
                for (var i = 0; i < result.Length; i++) result[i] = b.Values[i] == BooleanColumn.Missing ? double.NaN : b.Values[i];
                break;
            case DateTimeColumn d:
                for (var i = 0; i < result.Length; i++)
                    result[i] = d.Ticks[i] == DateTimeColumn.Missing ? double.NaN : (d.Ticks[i] - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerDay;
                break;
            default:
                throw new KeelLearnException($"Column '{column.Name}' should be {expected.ToString().ToLowerInvariant()} but is {column.Type.ToString().ToLowerInvariant()}.");
        }
        return result;
    }
}

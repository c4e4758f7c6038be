using Keel.Anomaly.Streaming;
using Keel.Data;
using Keel.Data.Io;

namespace Keel.Cli;

/// <summary>
/// Reads a time series from a CSV or Parquet file: a timestamp column and a numeric value column, in time order. A
/// missing column is named with the columns that exist; a value that is not a number, a timestamp that does not parse,
/// a missing field and a timestamp earlier than the one before are named with their line.
/// </summary>
internal static class SeriesFile
{
    public static SeriesPoint[] Read(string path, string timeColumn, string valueColumn, CancellationToken cancel)
    {
        var options = new CsvReadOptions { CancellationToken = cancel };
        var table = TableReader.Read(path, options);
        foreach (var (column, option) in new[] { (timeColumn, "--time"), (valueColumn, "--value") })
            if (table.Schema.TryIndexOf(column) < 0)
                throw new KeelDataException($"{path} has no column '{column}' ({option}). Its columns are: {string.Join(", ", table.Schema.Names)}.");
        if (timeColumn == valueColumn) throw new KeelDataException($"--time and --value both name '{timeColumn}'; give the timestamp column and the value column.");

        // A column read as something else holds a field that does not parse: reading it again as declared names its line.
        if (table[valueColumn] is not NumericColumn || table[timeColumn] is not DateTimeColumn)
            table = TableReader.Read(path, options with { Types = new Dictionary<string, ColumnType> { [valueColumn] = ColumnType.Numeric, [timeColumn] = ColumnType.DateTime } });
        if (table[valueColumn] is not NumericColumn values || table[timeColumn] is not DateTimeColumn times)
            throw new KeelDataException($"{path}: '{timeColumn}' must hold timestamps (ISO 8601, e.g. 2024-01-31 08:00:00) and '{valueColumn}' numbers.");

        var points = new SeriesPoint[table.RowCount];
        for (var row = 0; row < points.Length; row++)
        {
            var line = row + 2; // the header is line 1
            if (times.IsMissing(row)) throw KeelDataException.At(path, line, timeColumn, "the timestamp is missing; every point needs one.");
            var value = values.Values[row];
            if (double.IsNaN(value)) throw KeelDataException.At(path, line, valueColumn, "the value is missing; fill or drop the row first.");
            var time = times[row]!.Value;
            if (row > 0 && time < points[row - 1].Timestamp)
                throw KeelDataException.At(path, line, timeColumn,
                    $"the timestamp {time:yyyy-MM-dd HH:mm:ss} is earlier than the one before it ({points[row - 1].Timestamp:yyyy-MM-dd HH:mm:ss}); sort the file by time first.");
            points[row] = new SeriesPoint(time, value);
        }
        return points;
    }
}

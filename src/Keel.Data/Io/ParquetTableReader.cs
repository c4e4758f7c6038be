using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace Keel.Data.Io;

/// <summary>
/// Reads a Parquet file into a <see cref="Table"/>. Number columns become numeric (nulls missing), booleans boolean,
/// timestamps dates, strings categorical or text by the same rule as CSV. Nested and list columns are refused.
/// </summary>
public static class ParquetTableReader
{
    public static Table Read(string path, CsvReadOptions? options = null) =>
        ReadAsync(path, options ?? new CsvReadOptions()).GetAwaiter().GetResult();

    private static async Task<Table> ReadAsync(string path, CsvReadOptions options)
    {
        if (!File.Exists(path)) throw new KeelDataException($"{path}: file not found.");
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(path, null, options.CancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ParquetException)
        {
            throw new KeelDataException($"{path}: not a readable Parquet file ({e.Message}).", e);
        }
        await using var _ = reader;
        var fields = reader.Schema.GetDataFields();
        var nested = fields.Where(f => f.IsArray || f.Path.ToList().Count > 1).Select(f => f.Name).ToArray();
        if (nested.Length > 0)
            throw new KeelDataException($"{path}: nested or list columns are not supported ({string.Join(", ", nested)}); flatten them first.");
        var total = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var rg = reader.OpenRowGroupReader(g);
            total += checked((int)rg.RowCount);
        }
        if (total == 0) throw new KeelDataException($"{path}: the file has no rows.");

        var columns = new List<Column>();
        var schema = new List<ColumnSchema>();
        foreach (var field in fields)
        {
            var column = await ReadColumnAsync(reader, field, total, path, options);
            if (options.Types.TryGetValue(field.Name, out var declared) && declared != column.Type)
                throw new KeelDataException($"{path}: column '{field.Name}' is stored as {column.Type} in the Parquet file; it cannot be read as {declared}.");
            var role = options.Roles.TryGetValue(field.Name, out var r) ? r
                : column is TextColumn t ? (t.Length - t.MissingCount() == UniqueCount(t) ? ColumnRole.Id : ColumnRole.Ignore)
                : ColumnRole.Feature;
            columns.Add(column);
            schema.Add(new ColumnSchema(field.Name, column.Type, role));
        }
        return new Table(new Schema(schema), columns);
    }

    private static int UniqueCount(TextColumn t)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < t.Length; i++) if (t[i] is { } s) set.Add(s);
        return set.Count;
    }

    private static async Task<Column> ReadColumnAsync(ParquetReader reader, DataField field, int total, string path, CsvReadOptions options)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(double)) return new NumericColumn(field.Name, await ReadNumbersAsync<double>(reader, field, total, options));
        if (type == typeof(float)) return new NumericColumn(field.Name, await ReadNumbersAsync<float>(reader, field, total, options));
        if (type == typeof(int)) return new NumericColumn(field.Name, await ReadNumbersAsync<int>(reader, field, total, options));
        if (type == typeof(long)) return new NumericColumn(field.Name, await ReadNumbersAsync<long>(reader, field, total, options));
        if (type == typeof(short)) return new NumericColumn(field.Name, await ReadNumbersAsync<short>(reader, field, total, options));
        if (type == typeof(byte)) return new NumericColumn(field.Name, await ReadNumbersAsync<byte>(reader, field, total, options));
        if (type == typeof(decimal)) return new NumericColumn(field.Name, await ReadNumbersAsync<decimal>(reader, field, total, options));
        if (type == typeof(bool))
        {
            var values = await ReadValuesAsync<bool>(reader, field, total, options);
            return new BooleanColumn(field.Name, values.Select(v => v is null ? BooleanColumn.Missing : v.Value ? (byte)1 : (byte)0).ToArray());
        }
        if (type == typeof(DateTime))
        {
            var values = await ReadValuesAsync<DateTime>(reader, field, total, options);
            return new DateTimeColumn(field.Name, values.Select(v => v?.ToUniversalTime().Ticks ?? DateTimeColumn.Missing).ToArray());
        }
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var strings = new string?[total];
            var offset = 0;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var rg = reader.OpenRowGroupReader(g);
                var n = (int)rg.RowCount;
                await rg.ReadAsync(field, strings.AsMemory(offset, n), null, options.CancellationToken);
                offset += n;
            }
            var builder = new ColumnBuilder(path, field.Name, options.Types.TryGetValue(field.Name, out var t) ? t : null, sniffedNumeric: false, total);
            for (var i = 0; i < total; i++) builder.Add(strings[i] is { } s ? s.Trim() : "", i + 1);
            return builder.Build().Column;
        }
        throw new KeelDataException($"{path}: column '{field.Name}' has Parquet type {type.Name}, which Keel does not read yet; cast it to a number, string, boolean or timestamp.");
    }

    private static async Task<double[]> ReadNumbersAsync<T>(ParquetReader reader, DataField field, int total, CsvReadOptions options)
        where T : struct, INumberBase<T>
    {
        var values = await ReadValuesAsync<T>(reader, field, total, options);
        var result = new double[total];
        for (var i = 0; i < total; i++) result[i] = values[i] is { } v ? double.CreateChecked(v) : double.NaN;
        return result;
    }

    private static async Task<T?[]> ReadValuesAsync<T>(ParquetReader reader, DataField field, int total, CsvReadOptions options)
        where T : struct
    {
        var values = new T?[total];
        var offset = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var rg = reader.OpenRowGroupReader(g);
            var n = (int)rg.RowCount;
            if (field.IsNullable)
            {
                await rg.ReadAsync<T>(field, values.AsMemory(offset, n), null, options.CancellationToken);
            }
            else
            {
                var plain = new T[n];
                await rg.ReadAsync<T>(field, plain.AsMemory(), null, options.CancellationToken);
                for (var i = 0; i < n; i++) values[offset + i] = plain[i];
            }
            offset += n;
        }
        return values;
    }
}

using nietras.SeparatedValues;

namespace Keel.Data.Io;

/// <summary>
/// Reads a delimited text file into a <see cref="Table"/>. The separator and header are sniffed; each column's type is
/// inferred over the whole file: a column that holds only numbers and missing tokens (see <see cref="MissingTokens"/>)
/// is numeric, true/false columns are boolean, ISO dates are dates, many distinct strings are text, the rest
/// categorical. Errors name the file, line and column.
/// </summary>
/// <example>
/// <code>
/// // UCI Adult as shipped: no header, ", " between fields, "?" for missing.
/// var adult = CsvTableReader.Read("samples/data/adult.csv");
/// </code>
/// </example>
public static class CsvTableReader
{
    private const int ProgressEvery = 1 << 16;

    public static Table Read(string path, CsvReadOptions? options = null)
    {
        options ??= new CsvReadOptions();
        if (options.SniffRows is < 10 or > 1_000_000)
            throw new KeelDataException($"SniffRows must be between 10 and 1,000,000; it is {options.SniffRows}.");
        if (!File.Exists(path))
            throw new KeelDataException(Directory.Exists(path)
                ? $"{path} is a folder; give the path of a CSV file."
                : $"{path}: file not found. Check the path (the working folder is {Environment.CurrentDirectory}).");
        if (new FileInfo(path).Length == 0)
            throw new KeelDataException($"{path}: the file is empty. Give a file with a header row and at least one data row.");

        var dialect = CsvDialect.Sniff(path, options);
        var names = dialect.Names;
        CheckNames(path, names, options.Types.Keys, "--type");
        CheckNames(path, names, options.Roles.Keys, "--role");

        var capacity = EstimateRows(path, dialect);
        var builders = new ColumnBuilder[names.Length];
        for (var j = 0; j < names.Length; j++)
        {
            ColumnType? declared = options.Types.TryGetValue(names[j], out var t) ? t : null;
            builders[j] = new ColumnBuilder(path, names[j], declared, dialect.NumericColumns[j], capacity);
        }

        var rows = ReadAll(path, dialect, builders, options);
        if (rows == 0)
            throw new KeelDataException($"{path}: the file has a header row but no data rows.");
        RefillFallbacks(path, dialect, builders, options);

        var columns = new Column[names.Length];
        var schema = new ColumnSchema[names.Length];
        for (var j = 0; j < names.Length; j++)
        {
            var (column, suggested) = builders[j].Build();
            var role = options.Roles.TryGetValue(names[j], out var r) ? r : suggested ?? ColumnRole.Feature;
            columns[j] = column;
            schema[j] = new ColumnSchema(names[j], column.Type, role);
        }
        return new Table(new Schema(schema), columns);
    }

    private static SepReader Open(string path, CsvDialect dialect) =>
        Sep.New(dialect.Separator)
           .Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Trim = SepTrim.All, Unescape = true })
           .FromFile(path);

    /// <summary>
    /// Reads every row. The reader copies rows into a batch; a full batch is handed to a background task that parses
    /// its columns in parallel (each column by one thread at a time, so builders need no locks and rows keep their
    /// order) while the reader fills the other batch.
    /// </summary>
    private static int ReadAll(string path, CsvDialect dialect, ColumnBuilder[] builders, CsvReadOptions options)
    {
        var width = builders.Length;
        var rows = 0;
        var skipHeader = dialect.HasHeader;
        var filling = new RowBatch(width, BatchRows);
        var other = new RowBatch(width, BatchRows);
        Task? parsing = null;
        try
        {
            using var reader = Open(path, dialect);
            foreach (var row in reader)
            {
                if (row.ColCount == 1 && width > 1 && row[0].Span.IsEmpty) continue; // blank line
                if (skipHeader) { skipHeader = false; continue; }
                if (row.ColCount != width)
                {
                    // An error on an earlier line is reported first.
                    parsing?.GetAwaiter().GetResult();
                    Parse(filling, builders);
                    throw KeelDataException.At(path, row.LineNumberFrom, null,
                        $"the row has {row.ColCount} fields but the file has {width} columns. Check the separator " +
                        $"('{Printable(dialect.Separator)}'; override with --sep) and quote fields that contain it.");
                }
                filling.Add(row);
                rows++;
                if (filling.Count < filling.Capacity) continue;
                parsing?.GetAwaiter().GetResult();
                options.CancellationToken.ThrowIfCancellationRequested();
                var full = filling;
                (filling, other) = (other, filling);
                parsing = Task.Run(() => Parse(full, builders));
                if (rows % ProgressEvery < BatchRows) options.Progress?.Report(rows);
            }
            parsing?.GetAwaiter().GetResult();
            parsing = null;
            Parse(filling, builders);
        }
        finally
        {
            // Never leave a parse running over builders the caller is about to drop.
            try { parsing?.Wait(); } catch (AggregateException) { }
        }
        options.Progress?.Report(rows);
        return rows;
    }

    private const int BatchRows = 8192;

    private static void Parse(RowBatch batch, ColumnBuilder[] builders)
    {
        if (batch.Count == 0) return;
        var errors = new KeelDataException?[builders.Length];
        Parallel.For(0, builders.Length, j =>
        {
            var builder = builders[j];
            try
            {
                for (var r = 0; r < batch.Count; r++) builder.Add(batch.Field(r, j), batch.Line(r));
            }
            catch (KeelDataException e)
            {
                errors[j] = e;
            }
        });
        // Several columns may fail in one batch: report the earliest line, as a one-thread read would.
        if (errors.Any(e => e is not null)) throw errors.Where(e => e is not null).MinBy(e => e!.Line ?? long.MaxValue)!;
        batch.Clear();
    }

    private static void RefillFallbacks(string path, CsvDialect dialect, ColumnBuilder[] builders, CsvReadOptions options)
    {
        var fallen = builders.Select((b, j) => (b, j)).Where(t => t.b.FellBackAt > 0).ToArray();
        if (fallen.Length == 0) return;
        var last = fallen.Max(t => t.b.FellBackAt);
        var rowIndex = 0;
        var skipHeader = dialect.HasHeader;
        using var reader = Open(path, dialect);
        foreach (var row in reader)
        {
            if (row.ColCount == 1 && builders.Length > 1 && row[0].Span.IsEmpty) continue;
            if (skipHeader) { skipHeader = false; continue; }
            if (rowIndex >= last) break;
            foreach (var (b, j) in fallen)
                if (rowIndex < b.FellBackAt) b.Refill(rowIndex, row[j].Span, row.LineNumberFrom);
            rowIndex++;
            if (rowIndex % ProgressEvery == 0) options.CancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static int EstimateRows(string path, CsvDialect dialect)
    {
        if (dialect.SampleIsWholeFile) return dialect.SampleRows;
        var charsPerRow = Math.Max(1.0, dialect.SampleChars / (double)(dialect.SampleRows + (dialect.HasHeader ? 1 : 0)));
        var estimate = new FileInfo(path).Length / charsPerRow * 1.05 + 16;
        return (int)Math.Min(estimate, Array.MaxLength);
    }

    private static void CheckNames(string path, string[] names, IEnumerable<string> given, string option)
    {
        var unknown = given.Where(n => Array.IndexOf(names, n) < 0).ToArray();
        if (unknown.Length > 0)
            throw new KeelDataException(
                $"{option} names {string.Join(", ", unknown.Select(u => $"'{u}'"))}, which {(unknown.Length == 1 ? "is" : "are")} not a column of {path}. " +
                $"The columns are: {string.Join(", ", names)}.");
    }

    private static string Printable(char c) => c == '\t' ? "\\t" : c.ToString();
}

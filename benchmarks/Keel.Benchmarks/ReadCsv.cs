using System.Diagnostics;
using System.Globalization;
using System.Text;
using Keel.Data;
using Keel.Data.Io;

namespace Keel.Benchmarks;

internal static partial class Modes
{
    /// <summary>Reads a CSV file once with <see cref="CsvTableReader"/> (type inference included) and reports the time.</summary>
    public static int ReadCsv(string path, string[] args)
    {
        var options = new CsvReadOptions();
        if (Option(args, "--schema") is { } schema) options = SchemaFile.Load(schema).ApplyTo(options);
        // --repeats N reads the file N times in this process (default 1); "seconds" is the first read, as a one-shot
        // program sees it, and "all_seconds" lists every read (later ones run JIT-compiled, tiered-up code).
        var repeats = int.Parse(Option(args, "--repeats") ?? "1", CultureInfo.InvariantCulture);
        var all = new List<double>();
        Table table = null!;
        for (var r = 0; r < Math.Max(1, repeats); r++)
        {
            table = null!;
            if (r > 0) { GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect(); }
            var start = Stopwatch.GetTimestamp();
            table = CsvTableReader.Read(path, options);
            all.Add(Seconds(start));
        }
        var seconds = all[0];
        var types = table.Columns.GroupBy(c => c.Type).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString().ToLowerInvariant(), g => g.Count());
        Emit(new
        {
            tool = "keel",
            mode = "read-csv",
            path,
            bytes = new FileInfo(path).Length,
            rows = table.RowCount,
            cols = table.ColumnCount,
            seconds,
            all_seconds = all,
            column_types = types,
            gc_heap_bytes_after = GC.GetTotalMemory(false),
            gen2_collections = GC.CollectionCount(2),
        });
        GC.KeepAlive(table);
        return 0;
    }

    /// <summary>
    /// Writes a reproducible mixed CSV (seed 20240601): about 60 % numeric columns (integers and decimals, about 2 %
    /// empty fields), 30 % low-cardinality categorical strings (3 to 24 levels, about 1 % empty) and 10 %
    /// higher-cardinality strings (5,000 to 200,000 distinct values). Has a header row; comma separated; no quoting needed.
    /// </summary>
    public static int GenerateCsv(string path, int rows, int cols)
    {
        if (rows < 1 || cols < 1) { Console.Error.WriteLine("rows and cols must be positive"); return 2; }
        var random = new Random(20240601);
        var nNumeric = (int)Math.Round(cols * 0.6);
        var nHigh = Math.Max(cols >= 10 ? 1 : 0, (int)Math.Round(cols * 0.1));
        var nLow = cols - nNumeric - nHigh;
        // Column kinds interleaved deterministically: shuffle a list of kinds with the seeded generator.
        var kinds = Enumerable.Repeat('n', nNumeric).Concat(Enumerable.Repeat('c', nLow)).Concat(Enumerable.Repeat('h', nHigh)).ToArray();
        random.Shuffle(kinds);

        var levels = new string[cols][];
        var scale = new double[cols];
        var integer = new bool[cols];
        var cardinality = new int[cols];
        string[] words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima",
                          "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "xray"];
        for (var j = 0; j < cols; j++)
        {
            switch (kinds[j])
            {
                case 'n':
                    integer[j] = random.NextDouble() < 0.3;
                    scale[j] = Math.Pow(10, random.Next(-1, 5));
                    break;
                case 'c':
                    var k = random.Next(3, 25);
                    levels[j] = words.Take(k).Select(w => $"{w}_{j}").ToArray();
                    break;
                default:
                    cardinality[j] = random.Next(5_000, 200_001);
                    break;
            }
        }

        var header = string.Join(',', Enumerable.Range(0, cols).Select(j => kinds[j] switch { 'n' => $"num{j}", 'c' => $"cat{j}", _ => $"key{j}" }));
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write(header);
        writer.Write('\n');
        var sb = new StringBuilder(1024);
        Span<char> buffer = stackalloc char[64];
        for (var i = 0; i < rows; i++)
        {
            sb.Clear();
            for (var j = 0; j < cols; j++)
            {
                if (j > 0) sb.Append(',');
                switch (kinds[j])
                {
                    case 'n':
                    {
                        if (random.NextDouble() < 0.02) break;
                        // A skewed value: normal times the column's scale, sometimes shifted.
                        var u1 = 1.0 - random.NextDouble();
                        var u2 = random.NextDouble();
                        var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                        var v = z * scale[j] + scale[j];
                        if (integer[j]) sb.Append(((long)Math.Round(v)).ToString(CultureInfo.InvariantCulture));
                        else if (v.TryFormat(buffer, out var n, "0.####", CultureInfo.InvariantCulture)) sb.Append(buffer[..n]);
                        break;
                    }
                    case 'c':
                    {
                        if (random.NextDouble() < 0.01) break;
                        // Skewed level frequencies: the square of a uniform picks low indexes more often.
                        var r = random.NextDouble();
                        sb.Append(levels[j][(int)(r * r * levels[j].Length)]);
                        break;
                    }
                    default:
                        sb.Append('u').Append(random.Next(cardinality[j]).ToString("x6", CultureInfo.InvariantCulture));
                        break;
                }
            }
            sb.Append('\n');
            writer.Write(sb);
        }
        writer.Flush();
        Emit(new { mode = "generate-csv", path, rows, cols, numeric = nNumeric, categorical = nLow, high_cardinality = nHigh, bytes = new FileInfo(path).Length });
        return 0;
    }
}

using System.Text;

namespace Keel.Data.Io;

/// <summary>Writes a <see cref="Table"/> as comma-separated text with a header, quoting fields when needed.</summary>
public static class CsvTableWriter
{
    public static void Write(Table table, TextWriter writer)
    {
        writer.Write(string.Join(',', table.Schema.Names.Select(Quote)));
        writer.Write('\n');
        var sb = new StringBuilder();
        for (var i = 0; i < table.RowCount; i++)
        {
            sb.Clear();
            for (var j = 0; j < table.ColumnCount; j++)
            {
                if (j > 0) sb.Append(',');
                var v = table[j].FormatValue(i);
                if (v is not null) sb.Append(Quote(v));
            }
            sb.Append('\n');
            writer.Write(sb);
        }
    }

    /// <summary>Writes to a file atomically: a temporary file beside it is renamed over the target when complete.</summary>
    public static void Write(Table table, string path) =>
        AtomicFile.Write(path, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false));
            Write(table, w);
        });

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}

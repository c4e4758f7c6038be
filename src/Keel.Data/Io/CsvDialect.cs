using nietras.SeparatedValues;

namespace Keel.Data.Io;

/// <summary>The separator and header of a delimited file, sniffed from its first rows.</summary>
internal sealed record CsvDialect(char Separator, bool HasHeader, string[] Names, bool[] NumericColumns, int SampleRows, long SampleChars, bool SampleIsWholeFile)
{
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    public static CsvDialect Sniff(string path, CsvReadOptions options)
    {
        var (text, whole) = ReadHead(path, options.SniffRows + 1);
        if (string.IsNullOrWhiteSpace(text))
            throw new KeelDataException($"{path}: the file is empty. Give a file with a header row and at least one data row.");

        var sep = options.Separator ?? SniffSeparator(text);
        var rows = new List<string[]>();
        using (var reader = Sep.New(sep).Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Trim = SepTrim.All, Unescape = true }).FromText(text))
        {
            foreach (var row in reader)
            {
                if (row.ColCount == 1 && row[0].Span.IsEmpty) continue;
                var fields = new string[row.ColCount];
                for (var j = 0; j < fields.Length; j++) fields[j] = row[j].ToString();
                rows.Add(fields);
            }
        }
        if (!whole && rows.Count > 1) rows.RemoveAt(rows.Count - 1); // the last row may be cut short
        if (rows.Count == 0)
            throw new KeelDataException($"{path}: the file is empty. Give a file with a header row and at least one data row.");

        var width = rows[0].Length;
        var hasHeader = options.HasHeader ?? (options.ColumnNames is null && LooksLikeHeader(rows));
        var data = hasHeader ? rows.Skip(1).ToList() : rows;
        string[] names;
        if (options.ColumnNames is { } given)
        {
            if (given.Count != width)
                throw new KeelDataException($"{path}: {given.Count} column names were given but the file has {width} columns.");
            names = given.ToArray();
        }
        else if (hasHeader)
        {
            names = UniqueNames(rows[0]);
        }
        else
        {
            names = Enumerable.Range(1, width).Select(i => $"column{i}").ToArray();
        }

        var numeric = new bool[width];
        for (var j = 0; j < width; j++)
            numeric[j] = data.All(r => j >= r.Length || MissingTokens.IsMissing(r[j]) || ValueParsers.TryParseNumber(r[j], out _));
        return new CsvDialect(sep, hasHeader, names, numeric, data.Count, text.Length, whole);
    }

    private static (string Text, bool Whole) ReadHead(string path, int lines)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            var line = reader.ReadLine();
            if (line is null) return (sb.ToString(), true);
            sb.Append(line).Append('\n');
            if (sb.Length > 4_000_000) break;
        }
        return (sb.ToString(), reader.Peek() < 0);
    }

    private static char SniffSeparator(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(20).ToArray();
        var best = ',';
        var bestCount = 0;
        foreach (var c in Candidates)
        {
            var counts = lines.Select(l => CountOutsideQuotes(l, c)).ToArray();
            var first = counts[0];
            if (first == 0 || counts.Any(n => n != first)) continue;
            if (first > bestCount) { best = c; bestCount = first; }
        }
        if (bestCount == 0)
        {
            // Ragged or single-column: take the most frequent candidate on the first line.
            var firstLine = lines[0];
            var top = Candidates.Select(c => (c, n: CountOutsideQuotes(firstLine, c))).MaxBy(t => t.n);
            if (top.n > 0) best = top.c;
        }
        return best;
    }

    private static int CountOutsideQuotes(string line, char c)
    {
        var n = 0;
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"') quoted = !quoted;
            else if (ch == c && !quoted) n++;
        }
        return n;
    }

    private static bool LooksLikeHeader(List<string[]> rows)
    {
        var first = rows[0];
        if (first.Any(f => f.Length == 0 || ValueParsers.TryParseNumber(f, out _))) return false;
        if (first.Distinct(StringComparer.Ordinal).Count() != first.Length) return false;
        if (rows.Count == 1) return true;
        var below = rows.Skip(1).ToList();
        for (var j = 0; j < first.Length; j++)
        {
            var column = below.Where(r => j < r.Length).Select(r => r[j]).ToList();
            var numericBelow = column.Any(v => !MissingTokens.IsMissing(v)) &&
                               column.All(v => MissingTokens.IsMissing(v) || ValueParsers.TryParseNumber(v, out _));
            if (numericBelow) return true;
        }
        // All columns hold text: a header's words do not appear again below them.
        return Enumerable.Range(0, first.Length).All(j => below.All(r => j >= r.Length || r[j] != first[j]));
    }

    private static string[] UniqueNames(string[] header)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new string[header.Length];
        for (var j = 0; j < header.Length; j++)
        {
            var name = header[j].Length == 0 ? $"column{j + 1}" : header[j];
            var candidate = name;
            for (var k = 2; !seen.Add(candidate); k++) candidate = $"{name}_{k}";
            names[j] = candidate;
        }
        return names;
    }
}

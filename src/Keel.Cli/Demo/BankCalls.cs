using Keel.Data;
using Keel.Data.Io;

namespace Keel.Cli.Demo;

/// <summary>
/// The UCI Bank Marketing calls (Moro, Cortez and Rita 2014) shipped with Keel, in time order, and the month of each
/// call. The file has a month column but no year: the calls run from May 2008 to November 2010, so the year turns
/// where the month goes back (December to January). <c>duration</c>, the call's length, is known only after the call,
/// so it is never an input of a model.
/// </summary>
internal sealed class BankCalls
{
    public const string Label = "y";
    public const string Positive = "yes";
    public const string Duration = "duration";
    private const int FirstYear = 2008;
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private BankCalls(Table table, string[] periods)
    {
        Table = table;
        Periods = periods;
    }

    public static string SampleData => Path.Combine(AppContext.BaseDirectory, "samples", "bank_marketing.csv");

    /// <summary>Every call, with <c>duration</c> ignored and <c>y</c> the label.</summary>
    public Table Table { get; }

    /// <summary>The month of each call, e.g. "March 2009".</summary>
    public IReadOnlyList<string> Periods { get; }

    public int Rows => Table.RowCount;

    public static BankCalls Read(string path, CancellationToken cancel)
    {
        if (!File.Exists(path))
            throw new KeelDataException($"The Bank Marketing sample is missing from {path}; reinstall Keel or run keel demo from the repository.");
        var table = CsvTableReader.Read(path, new CsvReadOptions
        {
            Separator = ';',
            Roles = new Dictionary<string, ColumnRole> { [Duration] = ColumnRole.Ignore, [Label] = ColumnRole.Label },
            CancellationToken = cancel,
        });
        foreach (var needed in new[] { Label, "month", Duration })
            if (table.Schema.TryIndexOf(needed) < 0)
                throw new KeelDataException($"{path} has no column '{needed}'; it is not the UCI Bank Marketing file (bank-full.csv).");
        return new BankCalls(table, PeriodsOf(table["month"], path));
    }

    /// <summary>"May 2008" for each row: the year goes up each time the month goes back.</summary>
    private static string[] PeriodsOf(Column month, string path)
    {
        var periods = new string[month.Length];
        var year = FirstYear;
        var previous = -1;
        for (var row = 0; row < month.Length; row++)
        {
            var index = Array.IndexOf(Months, month.FormatValue(row));
            if (index < 0) throw new KeelDataException($"{path}, row {row + 2}: month '{month.FormatValue(row)}' is not one of {string.Join(", ", Months)}.");
            if (index < previous) year++;
            previous = index;
            periods[row] = $"{System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(index + 1)} {year}";
        }
        return periods;
    }

    /// <summary>Rows <paramref name="from"/> to <paramref name="to"/> (exclusive).</summary>
    public static int[] Range(int from, int to) => Enumerable.Range(from, Math.Max(0, to - from)).ToArray();

    /// <summary>"March 2009" or "March – May 2009" for the calls of these rows.</summary>
    public string Span(int from, int to)
    {
        var first = Periods[from];
        var last = Periods[Math.Max(from, to - 1)];
        if (first == last) return first;
        var (f, l) = (first.Split(' '), last.Split(' '));
        return f[1] == l[1] ? $"{f[0]} – {last}" : $"{first} – {last}";
    }
}

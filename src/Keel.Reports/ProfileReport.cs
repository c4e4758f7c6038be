using System.Globalization;
using Keel.Data;
using Keel.Data.Profiling;

namespace Keel.Reports;

/// <summary>The report of a data profile: one row per column and a histogram of each.</summary>
public static class ProfileReport
{
    public static HtmlReport Build(DataProfile profile, string source)
    {
        var report = new HtmlReport($"Data profile: {Path.GetFileName(source)}", $"{profile.RowCount:N0} rows \u00b7 {profile.Columns.Count} columns");
        AddProfile(report, profile, "Columns");
        return report;
    }

    internal static void AddProfile(HtmlReport report, DataProfile profile, string heading)
    {
        var section = report.Section(heading);
        var missing = profile.Columns.Where(c => c.Missing > 0).OrderByDescending(c => c.MissingShare).ToArray();
        section.Paragraph(missing.Length == 0
            ? $"{profile.RowCount:N0} rows and {profile.Columns.Count} columns; no value is missing."
            : $"{profile.RowCount:N0} rows and {profile.Columns.Count} columns; {missing.Length} column{(missing.Length == 1 ? " has" : "s have")} missing values, most in {missing[0].Name} ({missing[0].MissingShare:P1}).");
        section.Table(["column", "type", "role", "missing", "summary"], profile.Columns.Select(c => (IReadOnlyList<string>)
            [c.Name, c.Type.ToString().ToLowerInvariant(), c.Role.ToString().ToLowerInvariant(), c.MissingShare.ToString("P1", CultureInfo.InvariantCulture), Summary(c)]));
        var figures = profile.Columns.Where(c => c.Type != ColumnType.Text && c.Count > c.Missing)
            .Select(c => (Plots.Histogram(c), c.Name)).ToArray();
        if (figures.Length > 0) section.Figures(figures);
    }

    private static string Summary(ColumnProfile c)
    {
        if (c.Type == ColumnType.DateTime && c.Numeric is { Count: > 0 } d)
            return $"{new DateTime((long)d.Min):yyyy-MM-dd} to {new DateTime((long)d.Max):yyyy-MM-dd}";
        if (c.Numeric is { Count: > 0 } n)
            return string.Create(CultureInfo.InvariantCulture, $"mean {n.Mean:G4}, sd {n.Std:G4}, min {n.Min:G4}, median {n.Quantile(0.5):G4}, max {n.Max:G4}");
        if (c.Categories is { } cats)
        {
            var distinct = cats.Counts.Count + (cats.OtherCount > 0 ? "+" : "");
            var top = cats.Top(3).Select(kv => $"{kv.Key} ({kv.Value:N0})");
            return $"{distinct} distinct; most frequent: {string.Join(", ", top)}";
        }
        return "";
    }
}

using System.Net;
using System.Text;

namespace Keel.Reports;

/// <summary>
/// A self-contained HTML report: inline CSS and SVG, no scripts, no network. Built section by section, rendered once.
/// Every later capability (monitoring, fairness, tuning) writes its report with this kit.
/// </summary>
/// <example>
/// <code>
/// var report = new HtmlReport("Churn model");
/// report.Section("Summary").Paragraph("Of 100 customers the model flags, about 68 really leave.");
/// File.WriteAllText("report.html", report.Render());
/// </code>
/// </example>
public sealed class HtmlReport
{
    private readonly List<ReportSection> _sections = [];

    public HtmlReport(string title, string? subtitle = null)
    {
        Title = title;
        Subtitle = subtitle;
    }

    public string Title { get; }

    public string? Subtitle { get; }

    public IReadOnlyList<ReportSection> Sections => _sections;

    public ReportSection Section(string heading)
    {
        var section = new ReportSection(heading);
        _sections.Add(section);
        return section;
    }

    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>").Append(Encode(Title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n")
          .Append("<header><h1>").Append(Encode(Title)).Append("</h1>");
        if (Subtitle is not null) sb.Append("<p class=\"subtitle\">").Append(Encode(Subtitle)).Append("</p>");
        sb.Append("</header>\n");
        foreach (var section in _sections) section.Render(sb);
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    internal static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const string Style = """
        body{font-family:"DejaVu Sans",Lato,Helvetica,Arial,sans-serif;color:#1f2933;background:#f7f8fa;margin:0}
        main{max-width:1040px;margin:0 auto;padding:24px 32px 64px}
        header h1{margin:0 0 4px;font-size:28px}
        .subtitle{color:#52606d;margin:0 0 16px}
        section{background:#fff;border:1px solid #e4e7eb;border-radius:8px;padding:16px 24px;margin:16px 0}
        h2{font-size:20px;margin:4px 0 12px}
        h3{font-size:16px;margin:16px 0 8px}
        p.callout{font-size:17px;line-height:1.5;background:#eef6ff;border-left:4px solid #2f80ed;padding:10px 14px;margin:8px 0}
        p.note{color:#52606d;font-size:13px}
        table{border-collapse:collapse;margin:8px 0;font-size:14px}
        th,td{border-bottom:1px solid #e4e7eb;padding:6px 10px;text-align:left}
        th{background:#f0f2f5}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        .figures{display:flex;flex-wrap:wrap;gap:12px}
        figure{margin:0}
        figcaption{font-size:13px;color:#52606d;max-width:460px}
        .warn{color:#b42318}
        """;
}

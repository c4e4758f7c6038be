using System.Text;

namespace Keel.Reports;

/// <summary>One section of an <see cref="HtmlReport"/>: a heading and blocks in order.</summary>
public sealed class ReportSection
{
    private readonly List<Action<StringBuilder>> _blocks = [];

    internal ReportSection(string heading) => Heading = heading;

    public string Heading { get; }

    /// <summary>The plain text of the section's paragraphs and callouts, for tests and summaries.</summary>
    public List<string> Texts { get; } = [];

    public ReportSection Paragraph(string text) => Text("p", text);

    /// <summary>A highlighted sentence: the plain-language finding a manager should read first.</summary>
    public ReportSection Callout(string text) => Text("p class=\"callout\"", text);

    public ReportSection Note(string text) => Text("p class=\"note\"", text);

    public ReportSection Subheading(string text)
    {
        _blocks.Add(sb => sb.Append("<h3>").Append(HtmlReport.Encode(text)).Append("</h3>\n"));
        return this;
    }

    /// <summary>A table; cells that parse as numbers are right-aligned.</summary>
    public ReportSection Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var body = rows.ToList();
        _blocks.Add(sb =>
        {
            sb.Append("<table><thead><tr>");
            foreach (var h in header) sb.Append("<th>").Append(HtmlReport.Encode(h)).Append("</th>");
            sb.Append("</tr></thead><tbody>\n");
            foreach (var row in body)
            {
                sb.Append("<tr>");
                foreach (var cell in row)
                {
                    var numeric = double.TryParse(cell.TrimEnd('%'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
                    sb.Append(numeric ? "<td class=\"num\">" : "<td>").Append(HtmlReport.Encode(cell)).Append("</td>");
                }
                sb.Append("</tr>\n");
            }
            sb.Append("</tbody></table>\n");
        });
        return this;
    }

    /// <summary>Figures side by side: each an inline SVG with a caption.</summary>
    public ReportSection Figures(params (string Svg, string Caption)[] figures)
    {
        _blocks.Add(sb =>
        {
            sb.Append("<div class=\"figures\">");
            foreach (var (svg, caption) in figures)
                sb.Append("<figure>").Append(svg).Append("<figcaption>").Append(HtmlReport.Encode(caption)).Append("</figcaption></figure>");
            sb.Append("</div>\n");
        });
        return this;
    }

    private ReportSection Text(string tag, string text)
    {
        Texts.Add(text);
        var close = tag.Split(' ')[0];
        _blocks.Add(sb => sb.Append('<').Append(tag).Append('>').Append(HtmlReport.Encode(text)).Append("</").Append(close).Append(">\n"));
        return this;
    }

    internal void Render(StringBuilder sb)
    {
        sb.Append("<section><h2>").Append(HtmlReport.Encode(Heading)).Append("</h2>\n");
        foreach (var block in _blocks) block(sb);
        sb.Append("</section>\n");
    }
}

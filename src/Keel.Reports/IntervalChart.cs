using System.Globalization;
using System.Net;
using System.Text;

namespace Keel.Reports;

/// <summary>
/// A horizontal chart of one rate per group, each with its interval as a whisker and the overall value as a dashed
/// line, as hand-written SVG (exact positions, no fonts to measure). A group without a value shows why in words.
/// </summary>
internal static class IntervalChart
{
    private const int Width = 450;
    private const int LabelWidth = 170;
    private const int Row = 24;
    private const int Top = 44;
    private const string Font = "DejaVu Sans";

    public sealed record Item(string Label, double? Value, double? Lower, double? Upper, string? Note);

    /// <summary>Values in [0, 1] drawn on a 0–100 % axis.</summary>
    public static string Render(string title, IReadOnlyList<Item> items, double? overall)
    {
        var plotWidth = Width - LabelWidth - 20;
        var height = Top + items.Count * Row + 30;
        double X(double v) => LabelWidth + Math.Clamp(v, 0, 1) * plotWidth;
        var sb = new StringBuilder();
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"{Font}\" font-size=\"12\">"));
        sb.Append(Inv($"<rect width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>"));
        sb.Append(Inv($"<text x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{Encode(title)}</text>"));
        var axisY = Top + items.Count * Row + 4;
        for (var t = 0; t <= 4; t++)
        {
            var x = X(t / 4.0);
            sb.Append(Inv($"<line x1=\"{x:0.#}\" y1=\"{Top - 4}\" x2=\"{x:0.#}\" y2=\"{axisY}\" stroke=\"#e4e7eb\"/>"));
            sb.Append(Inv($"<text x=\"{x:0.#}\" y=\"{axisY + 16}\" text-anchor=\"middle\" fill=\"#52606d\">{t * 25} %</text>"));
        }
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var y = Top + i * Row;
            var label = item.Label.Length <= 23 ? item.Label : item.Label[..21] + "…";
            sb.Append(Inv($"<text x=\"{LabelWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\">{Encode(label)}</text>"));
            if (item.Value is not { } v)
            {
                sb.Append(Inv($"<text x=\"{LabelWidth + 4}\" y=\"{y + 15}\" fill=\"#b42318\">undefined: {Encode(item.Note ?? "")}</text>"));
                continue;
            }
            sb.Append(Inv($"<rect x=\"{LabelWidth}\" y=\"{y + 5}\" width=\"{X(v) - LabelWidth:0.#}\" height=\"14\" fill=\"#4682b4\" fill-opacity=\"0.75\"/>"));
            if (item.Lower is { } lo && item.Upper is { } hi)
            {
                sb.Append(Inv($"<line x1=\"{X(lo):0.#}\" y1=\"{y + 12}\" x2=\"{X(hi):0.#}\" y2=\"{y + 12}\" stroke=\"#1f2933\" stroke-width=\"1.5\"/>"));
                sb.Append(Inv($"<line x1=\"{X(lo):0.#}\" y1=\"{y + 7}\" x2=\"{X(lo):0.#}\" y2=\"{y + 17}\" stroke=\"#1f2933\" stroke-width=\"1.5\"/>"));
                sb.Append(Inv($"<line x1=\"{X(hi):0.#}\" y1=\"{y + 7}\" x2=\"{X(hi):0.#}\" y2=\"{y + 17}\" stroke=\"#1f2933\" stroke-width=\"1.5\"/>"));
            }
            var textX = Math.Min(X(item.Upper ?? v) + 6, Width - 40);
            sb.Append(Inv($"<text x=\"{textX:0.#}\" y=\"{y + 16}\" fill=\"#1f2933\">{v * 100:0} %</text>"));
        }
        if (overall is { } o)
        {
            sb.Append(Inv($"<line x1=\"{X(o):0.#}\" y1=\"{Top - 4}\" x2=\"{X(o):0.#}\" y2=\"{axisY}\" stroke=\"#b42318\" stroke-dasharray=\"4 3\" stroke-width=\"1.5\"/>"));
            sb.Append(Inv($"<text x=\"{X(o):0.#}\" y=\"{Top - 8}\" text-anchor=\"middle\" fill=\"#b42318\" font-size=\"11\">all {o * 100:0} %</text>"));
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

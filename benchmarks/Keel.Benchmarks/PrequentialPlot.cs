using ScottPlot;

namespace Keel.Benchmarks;

/// <summary>The prequential mode's SVGs: a quantity over time per strategy, the drift policy's refits and detections marked.</summary>
internal static class PrequentialPlot
{
    private const int Width = 960;
    private const int Height = 500;

    /// <summary>The strategies' colours, in order (matplotlib's palette).</summary>
    private static readonly Color[] Palette =
        [Color.FromHex("#7f7f7f"), Color.FromHex("#1f77b4"), Color.FromHex("#17becf"), Color.FromHex("#9467bd"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#ff7f0e")];

    /// <summary>One strategy's line: y at each x (in the plot's units), and the x of its refits to mark (empty: none marked).</summary>
    internal sealed record Curve(string Name, double[] X, double[] Y, IReadOnlyList<double> MarkedX);

    /// <param name="path">Where the SVG goes (its folder is created).</param>
    /// <param name="curves">The lines, drawn in order; a curve's marks are drawn on it as triangles.</param>
    /// <param name="detections">The drift policy's detection points (x), drawn as light vertical lines.</param>
    /// <param name="yLimits">The y axis, or null to fit the data.</param>
    public static void Write(string path, string title, string xLabel, string yLabel, IReadOnlyList<Curve> curves,
        IReadOnlyList<double> detections, string detectionLegend, (double Low, double High)? yLimits)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        for (var i = 0; i < detections.Count; i++)
        {
            var line = plot.Add.VerticalLine(detections[i]);
            line.LineWidth = 1;
            line.Color = Colors.Red.WithAlpha(0.25);
            if (i == 0) line.LegendText = detectionLegend;
        }
        foreach (var (curve, color) in curves.Zip(Palette))
        {
            var line = plot.Add.ScatterLine(curve.X, curve.Y);
            line.LineWidth = 1.5f;
            line.Color = color;
            line.LegendText = curve.Name;
            if (curve.MarkedX.Count == 0) continue;
            var marks = curve.MarkedX.Select(x => (X: x, Y: YAt(curve, x))).Where(m => !double.IsNaN(m.Y)).ToArray();
            var markers = plot.Add.Markers(marks.Select(m => m.X).ToArray(), marks.Select(m => m.Y).ToArray(), MarkerShape.FilledTriangleDown, 7, color);
            markers.LegendText = $"{curve.Name}: refit";
        }
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Edge.Bottom);
        if (yLimits is { } limits) plot.Axes.SetLimitsY(limits.Low, limits.High);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, plot.GetSvgXml(Width, Height));
    }

    /// <summary>The curve's y at the last point at or before x; NaN before its first point.</summary>
    private static double YAt(Curve curve, double x)
    {
        var i = Array.BinarySearch(curve.X, x);
        if (i < 0) i = ~i - 1;
        return i < 0 ? double.NaN : curve.Y[i];
    }
}

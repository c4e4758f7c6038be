using ScottPlot;

namespace Keel.Benchmarks;

/// <summary>The elec2 mode's SVG: rolling prequential accuracy per strategy against the day, refits on drift marked.</summary>
internal static class Elec2Plot
{
    private const int Width = 960;
    private const int Height = 500;

    /// <summary>The strategies' colours, in order (matplotlib's first four, then more).</summary>
    private static readonly Color[] Palette =
        [Color.FromHex("#d62728"), Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd"), Color.FromHex("#8c564b")];

    /// <param name="path">Where the SVG goes (its folder is created).</param>
    /// <param name="firstRow">The first scored row.</param>
    /// <param name="window">The rolling window, in rows; curve point k is the window ending at scored row k + window − 1.</param>
    /// <param name="rowsPerDay">Rows per day, for the x axis.</param>
    /// <param name="curves">Each strategy's rolling accuracy and the rows after which its detector fired (marked on its curve).</param>
    /// <param name="noChange">The no-change baseline's rolling accuracy, drawn thin and grey.</param>
    /// <param name="staticDrifts">ADWIN's drift rows on the static model's errors, drawn as light grey vertical lines (solid: a dotted line is hundreds of SVG dashes).</param>
    public static void Write(string path, int firstRow, int window, int rowsPerDay,
        IReadOnlyList<(string Name, double[] Rolling, IReadOnlyList<int> Drifts)> curves, double[] noChange, IReadOnlyList<int> staticDrifts)
    {
        double Day(int scoredIndex) => (firstRow + scoredIndex + window - 1) / (double)rowsPerDay;
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title($"Elec2, prequential accuracy over the last {window:N0} half-hours");
        plot.XLabel("day (48 half-hours)");
        plot.YLabel("accuracy");

        for (var i = 0; i < staticDrifts.Count; i++)
        {
            var line = plot.Add.VerticalLine(staticDrifts[i] / (double)rowsPerDay);
            line.LineWidth = 1;
            line.Color = Colors.Gray.WithAlpha(0.35);
            if (i == 0) line.LegendText = "ADWIN drift, static model's errors";
        }

        // One point a day (at its last half-hour) keeps the SVG small.
        int[] Daily(int length) => Enumerable.Range(0, length).Where(k => (firstRow + k + window) % rowsPerDay == 0).ToArray();
        var days = Daily(noChange.Length);
        var baseline = plot.Add.ScatterLine(days.Select(Day).ToArray(), days.Select(k => noChange[k]).ToArray());
        baseline.Color = Colors.Black.WithAlpha(0.45);
        baseline.LineWidth = 1;
        baseline.LegendText = "no-change baseline";

        foreach (var ((name, rolling, drifts), color) in curves.Zip(Palette))
        {
            var daily = Daily(rolling.Length);
            var line = plot.Add.ScatterLine(daily.Select(Day).ToArray(), daily.Select(k => rolling[k]).ToArray());
            line.LineWidth = 1.5f;
            line.Color = color;
            line.LegendText = name.Replace('_', ' ');
            var marked = drifts.Select(r => r - firstRow - window + 1).Where(k => k >= 0 && k < rolling.Length).ToArray();
            if (marked.Length == 0) continue;
            var markers = plot.Add.Markers(marked.Select(Day).ToArray(), marked.Select(k => rolling[k]).ToArray(), MarkerShape.FilledTriangleDown, 8, line.Color);
            markers.LegendText = $"{name.Replace('_', ' ')}: refit";
        }

        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Edge.Bottom);
        plot.Axes.SetLimitsY(0.3, 1.0);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, plot.GetSvgXml(Width, Height));
    }
}

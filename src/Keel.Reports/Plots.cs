using Keel.Data.Profiling;
using Keel.Learn.Evaluation;
using ScottPlot;

namespace Keel.Reports;

/// <summary>The plots of Keel's reports, drawn with ScottPlot and returned as SVG markup.</summary>
public static partial class Plots
{
    public const int Width = 460;
    public const int Height = 340;
    private const string Font = "DejaVu Sans";

    public static string Roc(Curve roc, double auc)
    {
        var plot = New("ROC curve", "False positive rate", "True positive rate");
        Diagonal(plot);
        Curve(plot, roc.X, roc.Y, $"model (AUC {auc:0.000})", markerSize: 0);
        plot.ShowLegend(Alignment.LowerRight);
        plot.Axes.SetLimits(0, 1, 0, 1);
        return Svg(plot);
    }

    public static string PrecisionRecall(Curve pr, double averagePrecision, double baseRate)
    {
        var plot = New("Precision and recall", "Recall (share of positives found)", "Precision (share of flags that are right)");
        var chance = plot.Add.Line(0, baseRate, 1, baseRate);
        chance.LinePattern = LinePattern.Dashed;
        chance.LegendText = $"chance ({baseRate:0.00})";
        var x = pr.X.Prepend(0).ToArray();
        var y = pr.Y.Prepend(pr.Y.Length > 0 ? pr.Y[0] : 1).ToArray();
        Curve(plot, x, y, $"model (AP {averagePrecision:0.000})", markerSize: 0);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        return Svg(plot);
    }

    public static string Calibration(Curve calibration)
    {
        var plot = New("Calibration", "Predicted probability", "Observed share of positives");
        Diagonal(plot);
        Curve(plot, calibration.X, calibration.Y, "model", markerSize: 7);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.SetLimits(0, 1, 0, 1);
        return Svg(plot);
    }

    /// <summary>The confusion matrix as a heat map with counts, true classes down, predicted across.</summary>
    public static string ConfusionMatrix(long[][] matrix, IReadOnlyList<string> classes)
    {
        var plot = New("Confusion matrix", "Predicted", "Actual");
        var k = classes.Count;
        var max = Math.Max(1, matrix.Max(r => r.Max()));
        var colormap = new ScottPlot.Colormaps.Blues();
        for (var a = 0; a < k; a++)
            for (var b = 0; b < k; b++)
            {
                var y = k - 1 - a;
                var cell = plot.Add.Rectangle(b - 0.5, b + 0.5, y - 0.5, y + 0.5);
                cell.FillColor = colormap.GetColor(0.95 - 0.75 * matrix[a][b] / max); // ScottPlot's Blues runs dark to light
                cell.LineColor = Colors.White;
                var text = plot.Add.Text(matrix[a][b].ToString("N0"), b, y);
                text.LabelFontName = Font;
                text.LabelFontSize = 14;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
            }
        var ticks = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, classes.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, classes.Reverse().ToArray());
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        return Svg(plot);
    }

    /// <summary>Horizontal bars, largest on top.</summary>
    public static string Importance(IReadOnlyList<(string Name, double Value)> items, string title, string axis)
    {
        var top = items.Take(15).ToArray();
        var plot = New(title, axis, "");
        var n = top.Length;
        var bars = top.Select((t, i) => new Bar { Position = n - 1 - i, Value = t.Value, FillColor = Colors.SteelBlue, Orientation = Orientation.Horizontal }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), top.Select(t => Shorten(t.Name)).ToArray());
        plot.Axes.Margins(left: 0);
        return Svg(plot, Height + Math.Max(0, n - 10) * 16);
    }

    /// <summary>A histogram of a numeric column from its profile, or bars of its most frequent values.</summary>
    public static string Histogram(ColumnProfile column)
    {
        var plot = New(column.Name, column.Numeric is null ? "" : "value", "rows");
        if (column.Numeric is { BinCounts.Length: > 0 } numeric)
        {
            var bars = new List<Bar>();
            for (var k = 0; k < numeric.BinCounts.Length; k++)
            {
                var lo = numeric.BinEdges[k];
                var hi = numeric.BinEdges[k + 1];
                var width = hi - lo;
                var density = width > 0 ? numeric.BinCounts[k] / width * (numeric.Max - numeric.Min) / numeric.BinCounts.Length : numeric.BinCounts[k];
                bars.Add(new Bar { Position = (lo + hi) / 2, Value = density, Size = width > 0 ? width : (numeric.Max - numeric.Min) / 50 + 1e-9, FillColor = Colors.SteelBlue, LineWidth = 0 });
            }
            plot.Add.Bars(bars);
            plot.YLabel("rows (per average bin width)");
        }
        else if (column.Categories is { } categories)
        {
            var top = categories.Top(12);
            var bars = top.Select((kv, i) => new Bar { Position = top.Count - 1 - i, Value = kv.Value, FillColor = Colors.SteelBlue, Orientation = Orientation.Horizontal }).ToList();
            plot.Add.Bars(bars);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Enumerable.Range(0, top.Count).Select(i => (double)(top.Count - 1 - i)).ToArray(), top.Select(kv => Shorten(kv.Key)).ToArray());
            plot.XLabel("rows");
            plot.YLabel("");
        }
        plot.Axes.Margins(bottom: 0);
        return Svg(plot, 260, 300);
    }

    /// <summary>
    /// Partial dependence of one column: the average (thick) over ICE curves of up to 40 rows (thin, grey) for a
    /// numeric grid; bars of the average for a categorical one.
    /// </summary>
    public static string PartialDependence(Keel.Explain.PartialDependenceResult pd, string axis)
    {
        var grid = pd.Grid[0];
        var plot = New($"Partial dependence on {Shorten(pd.Columns[0])}", pd.Columns[0], axis);
        var numbers = grid.Select(g => double.TryParse(g, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
        if (numbers.All(double.IsFinite))
        {
            if (pd.Individual is not null)
                for (var r = 0; r < Math.Min(40, pd.Rows); r++)
                {
                    var ice = plot.Add.Scatter(numbers, Enumerable.Range(0, grid.Count).Select(p => pd.Ice(r, p)).ToArray());
                    ice.MarkerSize = 0;
                    ice.LineWidth = 1;
                    ice.Color = Colors.Gray.WithAlpha(0.35);
                }
            Curve(plot, numbers, Enumerable.Range(0, grid.Count).Select(p => pd.At(p)).ToArray(), "average (partial dependence)", 0);
            plot.ShowLegend(Alignment.UpperRight);
        }
        else
        {
            var bars = grid.Select((g, i) => new Bar { Position = grid.Count - 1 - i, Value = pd.At(i), FillColor = Colors.SteelBlue, Orientation = Orientation.Horizontal }).ToList();
            plot.Add.Bars(bars);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Enumerable.Range(0, grid.Count).Select(i => (double)(grid.Count - 1 - i)).ToArray(), grid.Select(Shorten).ToArray());
            plot.XLabel(axis);
            plot.YLabel("");
        }
        return Svg(plot);
    }

    /// <summary>
    /// SHAP's waterfall for one prediction: from the base value at the bottom, each input's contribution as a bar that
    /// starts where the previous one ended (red raises the score, blue lowers it), the largest on top, up to the row's
    /// score; inputs beyond the <paramref name="show"/> largest are one bar at the bottom.
    /// </summary>
    public static string Waterfall(double baseValue, IReadOnlyList<(string Name, double Value)> contributions, string axis, int show = 10)
    {
        var ranked = contributions.OrderByDescending(c => Math.Abs(c.Value)).ToArray();
        var rest = ranked.Skip(show).ToArray();
        var bottomUp = new List<(string Name, double Value)>();
        if (rest.Length > 0) bottomUp.Add(($"{rest.Length} other inputs", rest.Sum(c => c.Value)));
        bottomUp.AddRange(ranked.Take(show).Reverse());
        var plot = New("How this prediction adds up", axis, "");
        var start = baseValue;
        var bars = new List<Bar>();
        for (var p = 0; p < bottomUp.Count; p++)
        {
            var value = bottomUp[p].Value;
            bars.Add(new Bar
            {
                Position = p, ValueBase = start, Value = start + value, Orientation = Orientation.Horizontal,
                FillColor = value >= 0 ? new Color(214, 39, 40) : new Color(31, 119, 180), LineWidth = 0,
            });
            start += value;
        }
        plot.Add.Bars(bars);
        var expected = plot.Add.VerticalLine(baseValue);
        expected.LinePattern = LinePattern.Dashed;
        expected.Color = Colors.Gray;
        expected.LegendText = $"base value {baseValue:0.###}";
        var final = plot.Add.VerticalLine(start);
        final.Color = Colors.Black;
        final.LegendText = $"this row {start:0.###}";
        plot.ShowLegend(Alignment.LowerRight);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, bottomUp.Count).Select(i => (double)i).ToArray(), bottomUp.Select(b => Shorten(b.Name)).ToArray());
        return Svg(plot, Height + Math.Max(0, bottomUp.Count - 10) * 16, 560);
    }

    /// <summary>
    /// Two-column partial dependence as a heat map: the first column across, the second up, each cell coloured by the
    /// average prediction from dark (lowest) to yellow (highest).
    /// </summary>
    public static string PartialDependence2D(Keel.Explain.PartialDependenceResult pd, string axis)
    {
        var (across, up) = (pd.Grid[0], pd.Grid[1]);
        var plot = New($"{Shorten(pd.Columns[0])} and {Shorten(pd.Columns[1])} together", pd.Columns[0], pd.Columns[1]);
        var values = Enumerable.Range(0, across.Count * up.Count).Select(p => pd.At(p)).ToArray();
        var (lo, hi) = (values.Min(), values.Max());
        var colormap = new ScottPlot.Colormaps.Viridis();
        for (var a = 0; a < across.Count; a++)
            for (var b = 0; b < up.Count; b++)
            {
                var cell = plot.Add.Rectangle(a - 0.5, a + 0.5, b - 0.5, b + 0.5);
                cell.FillColor = colormap.GetColor(hi > lo ? (values[a * up.Count + b] - lo) / (hi - lo) : 0.5);
                cell.LineWidth = 0;
            }
        plot.Axes.Bottom.TickGenerator = Every(across);
        plot.Axes.Left.TickGenerator = Every(up);
        plot.Axes.SetLimits(-0.5, across.Count - 0.5, -0.5, up.Count - 0.5);
        plot.Title($"{axis}: {lo:0.###} (dark) to {hi:0.###} (yellow)");
        return Svg(plot);
    }

    /// <summary>Tick labels for at most 8 of a grid's points, numbers shortened.</summary>
    private static ScottPlot.TickGenerators.NumericManual Every(IReadOnlyList<string> grid)
    {
        var step = Math.Max(1, (grid.Count + 7) / 8);
        var at = Enumerable.Range(0, grid.Count).Where(i => i % step == 0).ToArray();
        static string Label(string g) => double.TryParse(g, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : Shorten(g);
        return new ScottPlot.TickGenerators.NumericManual(at.Select(i => (double)i).ToArray(), at.Select(i => Label(grid[i])).ToArray());
    }

    /// <summary>
    /// Two distributions over each other on common bins: the reference (grey) and the current rows (blue), as shares;
    /// histogram bins across for numbers, one bar pair per category otherwise.
    /// </summary>
    public static string Overlay(string column, Keel.Monitoring.Drift.DriftBins bins)
    {
        var plot = New($"{Shorten(column)}: reference and now", bins.Edges is null ? "" : column, "share of rows");
        var n = bins.ReferenceShares.Count;
        var reference = new List<Bar>();
        var current = new List<Bar>();
        if (bins.Edges is { } edges)
        {
            for (var k = 0; k < n; k++)
            {
                var width = edges[k + 1] - edges[k];
                var middle = (edges[k] + edges[k + 1]) / 2;
                reference.Add(new Bar { Position = middle, Value = bins.ReferenceShares[k], Size = width, FillColor = Colors.Gray.WithAlpha(0.5), LineWidth = 0 });
                current.Add(new Bar { Position = middle, Value = bins.CurrentShares[k], Size = width * 0.5, FillColor = Colors.SteelBlue.WithAlpha(0.8), LineWidth = 0 });
            }
        }
        else
        {
            for (var k = 0; k < n; k++)
            {
                reference.Add(new Bar { Position = k - 0.2, Value = bins.ReferenceShares[k], Size = 0.4, FillColor = Colors.Gray.WithAlpha(0.6), LineWidth = 0 });
                current.Add(new Bar { Position = k + 0.2, Value = bins.CurrentShares[k], Size = 0.4, FillColor = Colors.SteelBlue, LineWidth = 0 });
            }
            var labels = bins.Categories ?? [];
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Enumerable.Range(0, n).Select(i => (double)i).ToArray(), labels.Select(Shorten).ToArray());
        }
        var referenceBars = plot.Add.Bars(reference);
        referenceBars.LegendText = "reference";
        var currentBars = plot.Add.Bars(current);
        currentBars.LegendText = "now";
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        return Svg(plot);
    }

    /// <summary>
    /// Metrics over time: one line per series (window index across), and the reference band as two dashed lines when
    /// given; the windows of a series that alerted are marked with a red ring.
    /// </summary>
    public static string OverTime(string title, string axis, IReadOnlyList<(string Name, double[] Values, IReadOnlyList<int> Alerts)> series, (double Lower, double Upper)? band = null)
    {
        var plot = New(title, "window", axis);
        var length = 0;
        foreach (var (name, values, alerts) in series)
        {
            var x = Enumerable.Range(0, values.Length).Select(i => (double)i).ToArray();
            Curve(plot, x, values, name, 6);
            foreach (var i in alerts.Where(i => i < values.Length && double.IsFinite(values[i])))
                plot.Add.Marker(i, values[i], MarkerShape.OpenCircle, 16, Colors.Red);
            length = Math.Max(length, values.Length);
        }
        if (band is { } b && double.IsFinite(b.Lower) && double.IsFinite(b.Upper))
            foreach (var (edge, text) in new[] { (b.Lower, "reference band"), (b.Upper, "") })
            {
                var line = plot.Add.HorizontalLine(edge);
                line.LinePattern = LinePattern.Dashed;
                line.Color = Colors.Gray;
                if (text.Length > 0) line.LegendText = text;
            }
        var step = Math.Max(1, (length + 9) / 10);
        var ticks = Enumerable.Range(0, length).Where(i => i % step == 0).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Select(i => (double)i).ToArray(), ticks.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.ShowLegend(Alignment.LowerLeft);
        return Svg(plot);
    }

    /// <summary>
    /// SHAP's summary (beeswarm) plot: one row per column, most important on top, a dot per explained row at its SHAP
    /// value, jittered vertically (seeded), coloured from blue (low value) to red (high value) for numeric columns.
    /// </summary>
    public static string Beeswarm(IReadOnlyList<(string Column, double[] Shap, double[]? Values)> columns, string axis)
    {
        var plot = New("Each dot is a row: its SHAP value per input", axis, "");
        var n = columns.Count;
        var random = new Random(0);
        for (var c = 0; c < n; c++)
        {
            var (_, shap, values) = columns[c];
            var finite = values?.Where(double.IsFinite).ToArray() ?? [];
            var (lo, hi) = finite.Length > 0 ? (finite.Min(), finite.Max()) : (0, 1);
            for (var i = 0; i < shap.Length; i++)
            {
                var share = values is null || !double.IsFinite(values[i]) || hi <= lo ? double.NaN : (values[i] - lo) / (hi - lo);
                var color = double.IsNaN(share) ? Colors.Gray : new Color((byte)(40 + 200 * share), 60, (byte)(240 - 200 * share));
                plot.Add.Marker(shap[i], n - 1 - c + (random.NextDouble() - 0.5) * 0.6, MarkerShape.FilledCircle, 3, color.WithAlpha(0.7));
            }
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), columns.Select(c => Shorten(c.Column)).ToArray());
        return Svg(plot, Height + Math.Max(0, n - 10) * 16, 560);
    }

    /// <summary>SHAP's dependence plot: a column's value (x) against its SHAP value (y), one dot per row; categories by index.</summary>
    public static string Dependence(string column, double[] shap, double[]? values, IReadOnlyList<string?> texts, string axis)
    {
        var plot = New($"Effect of {Shorten(column)}", column, $"SHAP value ({axis})");
        if (values is not null)
        {
            var keep = Enumerable.Range(0, shap.Length).Where(i => double.IsFinite(values[i])).ToArray();
            var dots = plot.Add.ScatterPoints(keep.Select(i => values[i]).ToArray(), keep.Select(i => shap[i]).ToArray());
            dots.MarkerSize = 4;
            dots.Color = Colors.SteelBlue.WithAlpha(0.6);
        }
        else
        {
            var categories = texts.Select(t => t ?? "(missing)").Distinct().Order(StringComparer.Ordinal).ToArray();
            var random = new Random(0);
            var dots = plot.Add.ScatterPoints(
                texts.Select(t => Array.IndexOf(categories, t ?? "(missing)") + (random.NextDouble() - 0.5) * 0.3).ToArray(), shap);
            dots.MarkerSize = 4;
            dots.Color = Colors.SteelBlue.WithAlpha(0.6);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Enumerable.Range(0, categories.Length).Select(i => (double)i).ToArray(), categories.Select(Shorten).ToArray());
        }
        return Svg(plot);
    }

    private static Plot New(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Font.Set(Font);
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        return plot;
    }

    private static void Curve(Plot plot, double[] x, double[] y, string legend, float markerSize)
    {
        var line = plot.Add.Scatter(x, y);
        line.MarkerSize = markerSize;
        line.LineWidth = 2;
        line.LegendText = legend;
    }

    private static void Diagonal(Plot plot)
    {
        var line = plot.Add.Line(0, 0, 1, 1);
        line.LinePattern = LinePattern.Dashed;
        line.Color = Colors.Gray;
        line.LegendText = "chance";
    }

    private static string Shorten(string s) => s.Length <= 28 ? s : s[..26] + "…";

    /// <summary>The plot as inline SVG: ScottPlot's XML declaration dropped, as HTML wants.</summary>
    private static string Svg(Plot plot, int height = Height, int width = Width)
    {
        var svg = plot.GetSvgXml(width, height).TrimStart();
        if (svg.StartsWith("<?xml", StringComparison.Ordinal)) svg = svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart();
        return svg;
    }
}

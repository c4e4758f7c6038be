using Keel.Learn.Decisions;
using ScottPlot;

namespace Keel.Reports;

public static partial class Plots
{
    /// <summary>
    /// A KPI's value per decision against the decision threshold (act when P(positive) ≥ threshold) on the validation
    /// rows, with the chosen threshold marked, the usual threshold 0.5 as a vertical line, and the value of acting on no one as a
    /// grey line.
    /// </summary>
    public static string DecisionValue(ThresholdChoice choice)
    {
        var unit = choice.Value.Unit.Length > 0 ? $" ({choice.Value.Unit})" : "";
        var plot = New($"{choice.Value.Name} per decision", "Threshold (act when P(positive) ≥ threshold)", $"{choice.Value.Name} per decision{unit}");
        var points = choice.Curve.Where(p => double.IsFinite(p.Threshold)).OrderBy(p => p.Threshold).ToArray();
        if (points.Length > 0)
            Curve(plot, points.Select(p => p.Threshold).ToArray(), points.Select(p => p.PerDecision).ToArray(), "model", markerSize: 0);
        var values = points.Select(p => p.PerDecision).Append(choice.NoOne.PerDecision).ToArray();
        var (low, high) = (values.Min(), values.Max());
        var none = plot.Add.Line(0, choice.NoOne.PerDecision, 1, choice.NoOne.PerDecision);
        none.Color = Colors.Gray;
        none.LegendText = "acting on no one";
        var usual = plot.Add.Line(ThresholdOptimizer.DefaultThreshold, low, ThresholdOptimizer.DefaultThreshold, high);
        usual.Color = Colors.Gray.WithAlpha(0.6);
        usual.LegendText = "threshold 0.5";
        if (double.IsFinite(choice.Threshold))
        {
            var chosen = plot.Add.ScatterPoints(new[] { choice.Threshold }, new[] { choice.Chosen.PerDecision });
            chosen.MarkerSize = 10;
            chosen.Color = new Color(214, 39, 40);
            chosen.LegendText = $"chosen ({choice.Threshold:0.###})";
        }
        plot.ShowLegend(Alignment.LowerRight);
        plot.Axes.SetLimitsX(0, 1);
        return Svg(plot);
    }
}

using Keel.Store;
using Keel.Tuning.Studies;
using ScottPlot;

namespace Keel.Reports;

public static partial class Plots
{
    /// <summary>
    /// Optuna's optimization history: each complete trial's value by trial number (dots), the best value so far (a
    /// step line), and pruned trials at the value they stopped at (grey crosses).
    /// </summary>
    public static string OptimizationHistory(string title, IReadOnlyList<FrozenTrial> trials, bool higherIsBetter, string axis)
    {
        var plot = New(title, "trial", axis);
        var complete = trials.Where(t => t.State == TrialState.Complete && t.Value is { } v && double.IsFinite(v)).OrderBy(t => t.Number).ToArray();
        var pruned = trials.Where(t => t.State == TrialState.Pruned && t.Value is { } v && double.IsFinite(v)).ToArray();
        if (pruned.Length > 0)
        {
            var crosses = plot.Add.ScatterPoints(pruned.Select(t => (double)t.Number).ToArray(), pruned.Select(t => t.Value!.Value).ToArray());
            crosses.MarkerShape = MarkerShape.Eks;
            crosses.MarkerSize = 8;
            crosses.Color = Colors.Gray;
            crosses.LegendText = "pruned (value when stopped)";
        }
        if (complete.Length > 0)
        {
            var x = complete.Select(t => (double)t.Number).ToArray();
            var dots = plot.Add.ScatterPoints(x, complete.Select(t => t.Value!.Value).ToArray());
            dots.MarkerSize = 7;
            dots.Color = Colors.SteelBlue;
            dots.LegendText = "complete trial";
            var best = new double[complete.Length];
            for (var i = 0; i < complete.Length; i++)
            {
                var v = complete[i].Value!.Value;
                best[i] = i == 0 ? v : higherIsBetter ? Math.Max(best[i - 1], v) : Math.Min(best[i - 1], v);
            }
            var line = plot.Add.Scatter(x.Append(trials.Max(t => t.Number)).ToArray(), best.Append(best[^1]).ToArray());
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.Color = new Color(214, 39, 40);
            line.LegendText = "best so far";
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(higherIsBetter ? Alignment.LowerRight : Alignment.UpperRight);
        return Svg(plot);
    }
}

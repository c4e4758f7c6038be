using Keel.Learn.Models.Decisions;

namespace Keel.Fairness.Mitigation;

/// <summary>A point of a group's trade-off curve: the rule that reaches it and its two metrics.</summary>
internal sealed record TradeoffPoint(double X, double Y, ThresholdOperation Operation);

/// <summary>A point of a curve interpolated onto the grid: the mix of two rules that reaches (x, y).</summary>
internal sealed record InterpolatedPoint(double X, double Y, double P0, ThresholdOperation Operation0, double P1, ThresholdOperation Operation1);

/// <summary>
/// One group's achievable trade-offs between two rates over every threshold of the scores, its upper convex hull, and
/// the hull interpolated onto a grid (Fairlearn's <c>_tradeoff_curve_utilities</c>: <c>_calculate_tradeoff_points</c>,
/// <c>_filter_points_to_get_convex_hull</c> by Andrew's monotone chain, <c>_interpolate_curve</c>).
/// </summary>
internal static class TradeoffCurve
{
    /// <summary>A confusion matrix; the rates are Fairlearn's METRIC_DICT.</summary>
    internal readonly record struct Counts(double TruePositives, double FalsePositives, double TrueNegatives, double FalseNegatives)
    {
        public double N => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;
        public double Positives => TruePositives + FalseNegatives;
        public double Negatives => TrueNegatives + FalsePositives;

        public double Metric(string name) => name switch
        {
            "selection_rate" => (TruePositives + FalsePositives) / N,
            "false_positive_rate" => FalsePositives / Negatives,
            "true_positive_rate" => TruePositives / Positives,
            "accuracy_score" => (TruePositives + TrueNegatives) / N,
            "balanced_accuracy_score" => 0.5 * TruePositives / Positives + 0.5 * TrueNegatives / Negatives,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown metric."),
        };
    }

    public static List<TradeoffPoint> Points(double[] scores, int[] labels, string group, bool flip, string xMetric, string yMetric)
    {
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
        var n = scores.Length;
        var positives = labels.Count(y => y == 1);
        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
            throw new Keel.Learn.KeelLearnException($"The group '{group}' has only one label value in the data; the threshold optimizer needs both in every group.");
        var sorted = order.Select(i => scores[i]).Append(double.NegativeInfinity).ToArray();
        var sortedLabels = order.Select(i => labels[i]).ToArray();
        var points = new List<TradeoffPoint>();
        var count = new int[2];
        var i = 0;
        var first = true;
        while (i < n)
        {
            double threshold;
            if (first)
            {
                threshold = double.PositiveInfinity;
                first = false;
            }
            else
            {
                threshold = sorted[i];
                while (sorted[i] == threshold) { count[sortedLabels[i]]++; i++; }
                threshold = (threshold + sorted[i]) / 2;
            }
            var above = new Counts(count[1], count[0], negatives - count[0], positives - count[1]);
            points.Add(new TradeoffPoint(above.Metric(xMetric), above.Metric(yMetric), new ThresholdOperation(ThresholdOperator.Above, threshold)));
            if (flip)
            {
                var below = new Counts(positives - count[1], negatives - count[0], count[0], count[1]);
                points.Add(new TradeoffPoint(below.Metric(xMetric), below.Metric(yMetric), new ThresholdOperation(ThresholdOperator.Below, threshold)));
            }
        }
        return points.OrderBy(p => p.X).ThenBy(p => p.Y).ToList();
    }

    /// <summary>The upper convex hull of points sorted by x, then y.</summary>
    public static List<TradeoffPoint> ConvexHull(List<TradeoffPoint> sorted)
    {
        var hull = new List<TradeoffPoint>();
        foreach (var r2 in sorted)
        {
            while (hull.Count >= 2)
            {
                var r1 = hull[^1];
                var r0 = hull[^2];
                if ((r1.Y - r0.Y) * (r2.X - r0.X) <= (r2.Y - r0.Y) * (r1.X - r0.X)) hull.RemoveAt(hull.Count - 1);
                else break;
            }
            hull.Add(r2);
        }
        return hull;
    }

    /// <summary>The hull at every grid point, each as a mix of the two hull points around it.</summary>
    public static InterpolatedPoint[] Interpolate(List<TradeoffPoint> hull, double[] grid)
    {
        var xs = hull.Select(p => p.X).ToArray();
        var result = new InterpolatedPoint[grid.Length];
        for (var g = 0; g < grid.Length; g++)
        {
            // searchsorted(side="right") − 1, then one step left where the grid point equals a hull x (not for the first).
            var index = UpperBound(xs, grid[g]) - 1;
            if (g > 0 && index >= 0 && grid[g] == xs[index]) index--;
            index = Math.Clamp(index, 0, xs.Length - 2);
            var p0 = (xs[index + 1] - grid[g]) / (xs[index + 1] - xs[index]);
            var p1 = 1 - p0;
            result[g] = new InterpolatedPoint(grid[g], p0 * hull[index].Y + p1 * hull[index + 1].Y, p0, hull[index].Operation, p1, hull[index + 1].Operation);
        }
        return result;
    }

    private static int UpperBound(double[] xs, double value)
    {
        var (lo, hi) = (0, xs.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (xs[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>numpy's linspace(0, 1, size + 1): i · (1 / size), the last point exactly 1.</summary>
    public static double[] Grid(int size)
    {
        var step = 1.0 / size;
        var grid = Enumerable.Range(0, size + 1).Select(i => i * step).ToArray();
        grid[^1] = 1;
        return grid;
    }
}

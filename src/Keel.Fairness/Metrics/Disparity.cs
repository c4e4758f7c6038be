namespace Keel.Fairness.Metrics;

/// <summary>
/// Fairlearn's aggregations over groups (<c>MetricFrame.group_min</c>, <c>group_max</c>, <c>difference</c>,
/// <c>ratio</c>) on plain numbers, NaN marking a group without a value; they skip such groups. The public
/// <see cref="MetricFrame"/> turns NaN into an undefined <see cref="FairnessValue"/> with its reason.
/// </summary>
internal static class Disparity
{
    public static double Min(ReadOnlySpan<double> groups)
    {
        var min = double.NaN;
        foreach (var g in groups) if (!double.IsNaN(g) && !(g >= min)) min = g;
        return min;
    }

    public static double Max(ReadOnlySpan<double> groups)
    {
        var max = double.NaN;
        foreach (var g in groups) if (!double.IsNaN(g) && !(g <= max)) max = g;
        return max;
    }

    public static int Defined(ReadOnlySpan<double> groups)
    {
        var n = 0;
        foreach (var g in groups) if (!double.IsNaN(g)) n++;
        return n;
    }

    /// <summary>between_groups: max − min (needs two groups with a value); to_overall: max |group − overall|.</summary>
    public static double Difference(ReadOnlySpan<double> groups, double overall, GroupMethod method)
    {
        if (method == GroupMethod.BetweenGroups)
            return Defined(groups) < 2 ? double.NaN : Max(groups) - Min(groups);
        if (double.IsNaN(overall)) return double.NaN;
        var worst = double.NaN;
        foreach (var g in groups)
            if (!double.IsNaN(g) && !(Math.Abs(g - overall) <= worst)) worst = Math.Abs(g - overall);
        return worst;
    }

    /// <summary>
    /// between_groups: min / max (undefined when the max is not positive); to_overall: the smallest group / overall,
    /// each taken as its reciprocal when above 1 (undefined when overall is not positive).
    /// </summary>
    public static double Ratio(ReadOnlySpan<double> groups, double overall, GroupMethod method)
    {
        if (method == GroupMethod.BetweenGroups)
        {
            if (Defined(groups) < 2) return double.NaN;
            var max = Max(groups);
            var min = Min(groups);
            return max > 0 && min >= 0 ? min / max : double.NaN;
        }
        if (!(overall > 0)) return double.NaN;
        var smallest = double.NaN;
        foreach (var g in groups)
        {
            if (double.IsNaN(g)) continue;
            if (g < 0) return double.NaN;
            var r = g / overall;
            if (r > 1) r = 1 / r;
            if (!(r >= smallest)) smallest = r;
        }
        return smallest;
    }
}

namespace Keel.Learn.Metrics;

/// <summary>Regression metrics with scikit-learn's definitions.</summary>
public static class RegressionMetrics
{
    public static double Rmse(ReadOnlySpan<double> y, ReadOnlySpan<double> predicted)
    {
        double sum = 0;
        for (var i = 0; i < y.Length; i++) sum += (y[i] - predicted[i]) * (y[i] - predicted[i]);
        return Math.Sqrt(sum / y.Length);
    }

    public static double Mae(ReadOnlySpan<double> y, ReadOnlySpan<double> predicted)
    {
        double sum = 0;
        for (var i = 0; i < y.Length; i++) sum += Math.Abs(y[i] - predicted[i]);
        return sum / y.Length;
    }

    /// <summary>1 − SS_res / SS_tot; 1 for a perfect fit of a constant target, 0 otherwise when SS_tot is 0.</summary>
    public static double R2(ReadOnlySpan<double> y, ReadOnlySpan<double> predicted)
    {
        double mean = 0;
        foreach (var v in y) mean += v;
        mean /= y.Length;
        double res = 0, tot = 0;
        for (var i = 0; i < y.Length; i++)
        {
            res += (y[i] - predicted[i]) * (y[i] - predicted[i]);
            tot += (y[i] - mean) * (y[i] - mean);
        }
        if (tot == 0) return res == 0 ? 1 : 0;
        return 1 - res / tot;
    }

    /// <summary>Mean of |y − ŷ| / max(|y|, eps), eps the float64 machine epsilon: a fraction, not a percentage.</summary>
    public static double Mape(ReadOnlySpan<double> y, ReadOnlySpan<double> predicted)
    {
        double sum = 0;
        for (var i = 0; i < y.Length; i++) sum += Math.Abs(y[i] - predicted[i]) / Math.Max(Math.Abs(y[i]), BinaryMetrics.Eps);
        return sum / y.Length;
    }
}

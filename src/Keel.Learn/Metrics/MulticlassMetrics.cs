namespace Keel.Learn.Metrics;

/// <summary>
/// Multiclass metrics with scikit-learn's definitions: <c>y</c> and <c>predicted</c> hold class indexes 0..k−1,
/// <c>probabilities</c> is row-major <c>n × k</c>.
/// </summary>
public static class MulticlassMetrics
{
    public static double Accuracy(ReadOnlySpan<int> y, ReadOnlySpan<int> predicted) => BinaryMetrics.Accuracy(y, predicted);

    public static long[,] ConfusionMatrix(ReadOnlySpan<int> y, ReadOnlySpan<int> predicted, int classes)
    {
        var m = new long[classes, classes];
        for (var i = 0; i < y.Length; i++) m[y[i], predicted[i]]++;
        return m;
    }

    /// <summary>F1 averaged over classes: "macro" (plain mean over classes present in y or predicted), "micro" or "weighted" (by support).</summary>
    public static double F1(ReadOnlySpan<int> y, ReadOnlySpan<int> predicted, int classes, string average)
    {
        var m = ConfusionMatrix(y, predicted, classes);
        var tp = new double[classes];
        var fp = new double[classes];
        var fn = new double[classes];
        var support = new double[classes];
        for (var a = 0; a < classes; a++)
            for (var b = 0; b < classes; b++)
            {
                if (a == b) tp[a] += m[a, b];
                else { fn[a] += m[a, b]; fp[b] += m[a, b]; }
                support[a] += m[a, b];
            }
        double F(double t, double p, double n) => 2 * t + p + n == 0 ? 0 : 2 * t / (2 * t + p + n);
        switch (average)
        {
            case "micro":
                return F(tp.Sum(), fp.Sum(), fn.Sum());
            case "weighted":
            {
                var total = support.Sum();
                double sum = 0;
                for (var c = 0; c < classes; c++) sum += F(tp[c], fp[c], fn[c]) * support[c];
                return total == 0 ? 0 : sum / total;
            }
            case "macro":
            {
                var present = Enumerable.Range(0, classes).Where(c => support[c] > 0 || tp[c] + fp[c] > 0).ToArray();
                return present.Average(c => F(tp[c], fp[c], fn[c]));
            }
            default:
                throw new ArgumentException($"average must be macro, micro or weighted; it is '{average}'.", nameof(average));
        }
    }

    /// <summary>Mean negative log-probability of the true class, each row renormalised and clipped as scikit-learn does.</summary>
    public static double LogLoss(ReadOnlySpan<int> y, ReadOnlySpan<double> probabilities, int classes)
    {
        double sum = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var row = probabilities.Slice(i * classes, classes);
            double total = 0;
            foreach (var q in row) total += Math.Clamp(q, BinaryMetrics.Eps, 1 - BinaryMetrics.Eps);
            sum -= Math.Log(Math.Clamp(row[y[i]], BinaryMetrics.Eps, 1 - BinaryMetrics.Eps) / total);
        }
        return sum / y.Length;
    }
}

namespace Keel.Learn.Metrics;

/// <summary>
/// Binary classification metrics with scikit-learn's definitions (1.2): <c>y</c> holds 0/1 labels, <c>p</c> the
/// probability of class 1, <c>predicted</c> the predicted 0/1 labels.
/// </summary>
public static class BinaryMetrics
{
    public static double Accuracy(ReadOnlySpan<int> y, ReadOnlySpan<int> predicted)
    {
        var correct = 0;
        for (var i = 0; i < y.Length; i++) if (y[i] == predicted[i]) correct++;
        return (double)correct / y.Length;
    }

    /// <summary>[[TN, FP], [FN, TP]], as <c>sklearn.metrics.confusion_matrix</c> lays it out.</summary>
    public static long[,] ConfusionMatrix(ReadOnlySpan<int> y, ReadOnlySpan<int> predicted)
    {
        var m = new long[2, 2];
        for (var i = 0; i < y.Length; i++) m[y[i], predicted[i]]++;
        return m;
    }

    /// <summary>TP / (TP + FP); 0 when nothing is predicted positive (scikit-learn's zero_division default, with its warning).</summary>
    public static double Precision(ReadOnlySpan<int> y, ReadOnlySpan<int> predicted)
    {
        var m = ConfusionMatrix(y, predicted);
        var denominator = m[1, 1] + m[0, 1];
        return denominator == 0 ? 0 : (double)m[1, 1] / denominator;
    }

    public static double Recall(ReadOnlySpan<int> y, ReadOnlySpan<int> predicted)
    {
        var m = ConfusionMatrix(y, predicted);
        var denominator = m[1, 1] + m[1, 0];
        return denominator == 0 ? 0 : (double)m[1, 1] / denominator;
    }

    public static double F1(ReadOnlySpan<int> y, ReadOnlySpan<int> predicted)
    {
        var m = ConfusionMatrix(y, predicted);
        var denominator = 2 * m[1, 1] + m[0, 1] + m[1, 0];
        return denominator == 0 ? 0 : 2.0 * m[1, 1] / denominator;
    }

    /// <summary>The ROC curve at every distinct score (false positive rate, true positive rate, threshold), from (0, 0).</summary>
    public static (double[] Fpr, double[] Tpr, double[] Thresholds) RocCurve(ReadOnlySpan<int> y, ReadOnlySpan<double> p)
    {
        var (fps, tps, thresholds) = CumulativeCounts(y, p);
        var positives = tps[^1];
        var negatives = fps[^1];
        var fpr = new double[fps.Length + 1];
        var tpr = new double[fps.Length + 1];
        var t = new double[fps.Length + 1];
        t[0] = double.PositiveInfinity;
        for (var i = 0; i < fps.Length; i++)
        {
            fpr[i + 1] = negatives == 0 ? double.NaN : fps[i] / negatives;
            tpr[i + 1] = positives == 0 ? double.NaN : tps[i] / positives;
            t[i + 1] = thresholds[i];
        }
        return (fpr, tpr, t);
    }

    /// <summary>Area under the ROC curve by the trapezoidal rule (ties count half). Needs both classes.</summary>
    public static double RocAuc(ReadOnlySpan<int> y, ReadOnlySpan<double> p)
    {
        var (fpr, tpr, _) = RocCurve(y, p);
        if (double.IsNaN(fpr[^1]) || double.IsNaN(tpr[^1]))
            throw new KeelLearnException("ROC AUC needs both classes among the labels; only one is present.");
        double area = 0;
        for (var i = 1; i < fpr.Length; i++) area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2;
        return area;
    }

    /// <summary>Precision and recall at every distinct score, highest threshold last as scikit-learn orders them reversed.</summary>
    public static (double[] Precision, double[] Recall, double[] Thresholds) PrecisionRecallCurve(ReadOnlySpan<int> y, ReadOnlySpan<double> p)
    {
        var (fps, tps, thresholds) = CumulativeCounts(y, p);
        var positives = tps[^1];
        var n = fps.Length;
        var precision = new double[n];
        var recall = new double[n];
        for (var i = 0; i < n; i++)
        {
            var predictedPositive = tps[i] + fps[i];
            precision[i] = predictedPositive == 0 ? 1 : tps[i] / predictedPositive;
            recall[i] = positives == 0 ? 1 : tps[i] / positives;
        }
        return (precision, recall, thresholds);
    }

    /// <summary>AP = Σ (R_n − R_{n−1}) P_n over decreasing thresholds, without interpolation (scikit-learn's definition).</summary>
    public static double AveragePrecision(ReadOnlySpan<int> y, ReadOnlySpan<double> p)
    {
        var (precision, recall, _) = PrecisionRecallCurve(y, p);
        double ap = 0, previousRecall = 0;
        for (var i = 0; i < precision.Length; i++)
        {
            ap += (recall[i] - previousRecall) * precision[i];
            previousRecall = recall[i];
        }
        return ap;
    }

    /// <summary>Mean negative log-likelihood, probabilities clipped to [eps, 1 − eps] with eps the float64 machine epsilon.</summary>
    public static double LogLoss(ReadOnlySpan<int> y, ReadOnlySpan<double> p)
    {
        double sum = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var q = Math.Clamp(p[i], Eps, 1 - Eps);
            sum += y[i] == 1 ? -Math.Log(q) : -Math.Log(1 - q);
        }
        return sum / y.Length;
    }

    internal const double Eps = 2.220446049250313e-16;

    public static double BrierScore(ReadOnlySpan<int> y, ReadOnlySpan<double> p)
    {
        double sum = 0;
        for (var i = 0; i < y.Length; i++) sum += (p[i] - y[i]) * (p[i] - y[i]);
        return sum / y.Length;
    }

    /// <summary>
    /// Expected calibration error (Guo et al. 2017): the confidence of the predicted class in 10 equal-width bins,
    /// the row-weighted mean of |accuracy − confidence| over the bins.
    /// </summary>
    public static double ExpectedCalibrationError(ReadOnlySpan<int> y, ReadOnlySpan<double> p, int bins = 10)
    {
        var count = new int[bins];
        var correct = new double[bins];
        var confidence = new double[bins];
        for (var i = 0; i < y.Length; i++)
        {
            var predicted = p[i] >= 0.5 ? 1 : 0;
            var c = predicted == 1 ? p[i] : 1 - p[i];
            var b = Math.Min(bins - 1, Math.Max(0, (int)Math.Ceiling(c * bins) - 1));
            count[b]++;
            correct[b] += predicted == y[i] ? 1 : 0;
            confidence[b] += c;
        }
        double ece = 0;
        for (var b = 0; b < bins; b++)
            if (count[b] > 0) ece += Math.Abs(correct[b] - confidence[b]) / y.Length;
        return ece;
    }

    /// <summary>
    /// The calibration curve (scikit-learn's <c>calibration_curve</c>, uniform strategy): per non-empty bin of
    /// P(positive), the mean predicted probability and the share of positives.
    /// </summary>
    public static (double[] MeanPredicted, double[] FractionPositive, int[] Count) CalibrationCurve(ReadOnlySpan<int> y, ReadOnlySpan<double> p, int bins = 10)
    {
        var count = new int[bins];
        var positives = new double[bins];
        var sum = new double[bins];
        // scikit-learn's edges: linspace(0, 1 + 1e-8, bins + 1); a value on an inner edge falls in the lower bin.
        var edges = Enumerable.Range(1, bins - 1).Select(k => k * (1 + 1e-8) / bins).ToArray();
        for (var i = 0; i < y.Length; i++)
        {
            var b = 0;
            while (b < edges.Length && edges[b] < p[i]) b++;
            count[b]++;
            positives[b] += y[i];
            sum[b] += p[i];
        }
        var nonEmpty = Enumerable.Range(0, bins).Where(b => count[b] > 0).ToArray();
        return (nonEmpty.Select(b => sum[b] / count[b]).ToArray(), nonEmpty.Select(b => positives[b] / count[b]).ToArray(), nonEmpty.Select(b => count[b]).ToArray());
    }

    /// <summary>False and true positives when predicting positive at or above each distinct score, highest first.</summary>
    private static (double[] Fps, double[] Tps, double[] Thresholds) CumulativeCounts(ReadOnlySpan<int> y, ReadOnlySpan<double> p)
    {
        var order = new int[y.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var keys = p.ToArray();
        Array.Sort(keys.Select(k => -k).ToArray(), order);
        var fps = new List<double>();
        var tps = new List<double>();
        var thresholds = new List<double>();
        double tp = 0, fp = 0;
        for (var r = 0; r < order.Length; r++)
        {
            var i = order[r];
            if (y[i] == 1) tp++; else fp++;
            if (r == order.Length - 1 || p[order[r + 1]] != p[i])
            {
                tps.Add(tp);
                fps.Add(fp);
                thresholds.Add(p[i]);
            }
        }
        return (fps.ToArray(), tps.ToArray(), thresholds.ToArray());
    }
}

using Keel.Learn;
using Keel.Learn.Evaluation;
using Keel.Learn.Metrics;
using Keel.Learn.Models;

namespace Keel.Lifecycle.Retraining;

/// <summary>
/// One metric of one model's predictions over a chosen multiset of rows (a bootstrap resample), with scikit-learn's
/// definitions (Keel.Learn.Metrics); NaN where the metric is undefined on those rows (ROC AUC with one class).
/// </summary>
internal static class RowMetric
{
    /// <summary>The metric of predictions against labels (class indexes, or values for regression), binary decisions at <paramref name="threshold"/>.</summary>
    public static Func<int[], double> For(string metric, Target target, double[] labels, Predictions predictions, double threshold) => target.Task switch
    {
        TaskKind.Binary => Binary(metric, labels.Select(v => (int)v).ToArray(), predictions.PositiveProbabilities(), threshold),
        TaskKind.Multiclass => Multiclass(metric, labels.Select(v => (int)v).ToArray(), predictions.Probabilities!, target.Classes.Count),
        TaskKind.Regression => Regression(metric, labels, predictions.Values!),
        _ => throw new KeelLearnException($"A {target.Task.ToString().ToLowerInvariant()} model has no challenger comparison; compare classifiers or regressors."),
    };

    public static Func<int[], double> Binary(string metric, int[] y, double[] p, double threshold)
    {
        Check(metric, MetricNames.For(TaskKind.Binary), "binary");
        return rows =>
        {
            var ys = new int[rows.Length];
            var ps = new double[rows.Length];
            for (var i = 0; i < rows.Length; i++) { ys[i] = y[rows[i]]; ps[i] = p[rows[i]]; }
            var both = ys.Contains(0) && ys.Contains(1);
            var predicted = metric is MetricNames.Accuracy or MetricNames.Precision or MetricNames.Recall or MetricNames.F1
                ? ps.Select(v => v >= threshold ? 1 : 0).ToArray() : [];
            return metric switch
            {
                MetricNames.RocAuc => both ? BinaryMetrics.RocAuc(ys, ps) : double.NaN,
                MetricNames.AveragePrecision => both ? BinaryMetrics.AveragePrecision(ys, ps) : double.NaN,
                MetricNames.Accuracy => BinaryMetrics.Accuracy(ys, predicted),
                MetricNames.Precision => BinaryMetrics.Precision(ys, predicted),
                MetricNames.Recall => BinaryMetrics.Recall(ys, predicted),
                MetricNames.F1 => BinaryMetrics.F1(ys, predicted),
                MetricNames.LogLoss => BinaryMetrics.LogLoss(ys, ps),
                MetricNames.Brier => BinaryMetrics.BrierScore(ys, ps),
                _ => BinaryMetrics.ExpectedCalibrationError(ys, ps),
            };
        };
    }

    private static Func<int[], double> Multiclass(string metric, int[] y, double[] probabilities, int k)
    {
        Check(metric, MetricNames.For(TaskKind.Multiclass), "multiclass");
        var argmax = new int[y.Length];
        for (var r = 0; r < y.Length; r++)
            for (var c = 1; c < k; c++) if (probabilities[r * k + c] > probabilities[r * k + argmax[r]]) argmax[r] = c;
        return rows =>
        {
            var ys = rows.Select(r => y[r]).ToArray();
            var pred = rows.Select(r => argmax[r]).ToArray();
            return metric switch
            {
                MetricNames.Accuracy => MulticlassMetrics.Accuracy(ys, pred),
                MetricNames.F1Macro => MulticlassMetrics.F1(ys, pred, k, "macro"),
                MetricNames.F1Micro => MulticlassMetrics.F1(ys, pred, k, "micro"),
                MetricNames.F1Weighted => MulticlassMetrics.F1(ys, pred, k, "weighted"),
                _ => MulticlassMetrics.LogLoss(ys, rows.SelectMany(r => probabilities.AsSpan(r * k, k).ToArray()).ToArray(), k),
            };
        };
    }

    private static Func<int[], double> Regression(string metric, double[] y, double[] predicted)
    {
        Check(metric, MetricNames.For(TaskKind.Regression), "regression");
        return rows =>
        {
            var ys = rows.Select(r => y[r]).ToArray();
            var ps = rows.Select(r => predicted[r]).ToArray();
            return metric switch
            {
                MetricNames.Rmse => RegressionMetrics.Rmse(ys, ps),
                MetricNames.Mae => RegressionMetrics.Mae(ys, ps),
                MetricNames.R2 => RegressionMetrics.R2(ys, ps),
                _ => RegressionMetrics.Mape(ys, ps),
            };
        };
    }

    private static void Check(string metric, IReadOnlyList<string> allowed, string task)
    {
        if (!allowed.Contains(metric))
            throw new KeelLearnException($"'{metric}' is not a metric of a {task} model; the policy's challenger.metric (or the performance trigger's metric) must be one of {string.Join(", ", allowed)}.");
    }
}

using Keel.Learn.Decisions;
using Keel.Learn.Evaluation;
using Keel.Learn.Metrics;

namespace Keel.Monitoring.Performance;

/// <summary>
/// How a model did once the labels arrived, window by window, against bands from the reference windows
/// (<see cref="PerformanceBands"/>). Binary: accuracy, precision, recall, specificity, F1 and ROC AUC; regression:
/// RMSE and MAE. With a business KPI, a binary window's realized value per decision is one of its metrics, banded like the others.
/// </summary>
public static class RealizedPerformance
{
    /// <summary>
    /// The metrics of a binary classifier on some rows: labels 0/1, P(positive), the decision threshold; with a KPI
    /// (<paramref name="value"/>), its realized value per decision too (<see cref="DecisionValue.MetricName"/>).
    /// </summary>
    public static Dictionary<string, double> Binary(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, double threshold = 0.5, DecisionValue? value = null)
    {
        if (labels.Length != probabilities.Length) throw new ArgumentException($"{labels.Length} labels but {probabilities.Length} probabilities.");
        double tp = 0, fp = 0, tn = 0, fn = 0;
        var positives = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var predicted = probabilities[i] >= threshold;
            var actual = labels[i] == 1;
            positives += actual ? 1 : 0;
            if (predicted) { if (actual) tp++; else fp++; }
            else if (actual) fn++;
            else tn++;
        }
        var confusion = new ConfusionEstimate(tp, fp, tn, fn);
        var metrics = Metrics(confusion);
        metrics[MetricNames.RocAuc] = positives > 0 && positives < labels.Length ? BinaryMetrics.RocAuc(labels, probabilities) : double.NaN;
        if (value is not null) metrics[DecisionValue.MetricName] = value.PerDecision(confusion.ToBinary());
        return metrics;
    }

    /// <summary>RMSE and MAE of a regression model on some rows.</summary>
    public static Dictionary<string, double> Regression(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        if (actual.Length != predicted.Length) throw new ArgumentException($"{actual.Length} values but {predicted.Length} predictions.");
        return new Dictionary<string, double>
        {
            [MetricNames.Rmse] = RegressionMetrics.Rmse(actual, predicted),
            [MetricNames.Mae] = RegressionMetrics.Mae(actual, predicted),
        };
    }

    /// <summary>
    /// Binary metrics per window of the current rows, with bands from the reference rows cut into windows of the same
    /// size (<paramref name="bandWidth"/> standard deviations).
    /// </summary>
    public static IReadOnlyList<PerformanceChunk> BinaryChunks(
        ReadOnlySpan<int> referenceLabels, ReadOnlySpan<double> referenceProbabilities,
        ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int chunkSize, double threshold = 0.5, double bandWidth = 3, DecisionValue? value = null)
    {
        var reference = new List<IReadOnlyDictionary<string, double>>();
        foreach (var (start, rows) in PerformanceBands.Windows(referenceLabels.Length, chunkSize))
            reference.Add(Binary(referenceLabels.Slice(start, rows), referenceProbabilities.Slice(start, rows), threshold, value));
        var bands = PerformanceBands.From(reference, bandWidth);
        var chunks = new List<PerformanceChunk>();
        foreach (var (start, rows) in PerformanceBands.Windows(labels.Length, chunkSize))
        {
            var metrics = Binary(labels.Slice(start, rows), probabilities.Slice(start, rows), threshold, value);
            chunks.Add(new PerformanceChunk(chunks.Count, start, rows, metrics, metrics, bands, PerformanceBands.Alerts(metrics, bands)));
        }
        return chunks;
    }

    /// <summary>RMSE and MAE per window, with bands from the reference windows.</summary>
    public static IReadOnlyList<PerformanceChunk> RegressionChunks(
        ReadOnlySpan<double> referenceActual, ReadOnlySpan<double> referencePredicted,
        ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, int chunkSize, double bandWidth = 3)
    {
        var reference = new List<IReadOnlyDictionary<string, double>>();
        foreach (var (start, rows) in PerformanceBands.Windows(referenceActual.Length, chunkSize))
            reference.Add(Regression(referenceActual.Slice(start, rows), referencePredicted.Slice(start, rows)));
        var bands = PerformanceBands.From(reference, bandWidth);
        var chunks = new List<PerformanceChunk>();
        foreach (var (start, rows) in PerformanceBands.Windows(actual.Length, chunkSize))
        {
            var metrics = Regression(actual.Slice(start, rows), predicted.Slice(start, rows));
            chunks.Add(new PerformanceChunk(chunks.Count, start, rows, metrics, metrics, bands, PerformanceBands.Alerts(metrics, bands)));
        }
        return chunks;
    }

    internal static Dictionary<string, double> Metrics(ConfusionEstimate confusion) => new()
    {
        [MetricNames.Accuracy] = confusion.Accuracy,
        [MetricNames.Precision] = confusion.Precision,
        [MetricNames.Recall] = confusion.Recall,
        ["specificity"] = confusion.Specificity,
        [MetricNames.F1] = confusion.F1,
    };
}

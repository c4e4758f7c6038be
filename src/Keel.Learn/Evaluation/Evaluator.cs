using Keel.Data;
using Keel.Learn.Metrics;
using Keel.Learn.Models;

namespace Keel.Learn.Evaluation;

/// <summary>
/// Scores a model on labelled data. An anomaly detector is scored by how well its score ranks the label's positive
/// class first (ROC AUC, average precision) and by the precision, recall and F1 of its flags. Intervals are 95 % percentile bootstrap intervals over rows (seeded, so
/// repeatable); resamples where a metric is undefined (one class only) are skipped for that metric.
/// </summary>
public static class Evaluator
{
    /// <summary>The default number of bootstrap resamples: 1000.</summary>
    public const int DefaultResamples = 1000;

    /// <summary>
    /// The model's metrics on labelled rows; with <paramref name="value"/> (a binary classifier's KPI), its value at the
    /// model's threshold and at the alternatives too (<see cref="EvaluationResult.Decisions"/>).
    /// </summary>
    public static EvaluationResult Evaluate(Model model, Table data, int resamples = DefaultResamples, int seed = 42, Decisions.DecisionValue? value = null)
    {
        if (value is not null && model.Target.Task != TaskKind.Binary)
            throw new KeelLearnException($"A KPI (cost/benefit of decisions) applies to binary classifiers; this model is a {model.Target.Task.ToString().ToLowerInvariant()} model.");
        if (value is not null && model.Randomization is not null)
            throw new KeelLearnException("This model draws its decisions at random per row, so it has no threshold to value; evaluate it without a KPI.");
        if (!model.Target.HasLabel)
            throw new KeelLearnException("This anomaly detector was trained without a label: name the column that marks the anomalies (keel evaluate --label COL).");
        var labels = model.Target.Encode(data);
        var keep = Enumerable.Range(0, labels.Length).Where(i => !double.IsNaN(labels[i]) && labels[i] >= 0 || model.Target.Task == TaskKind.Regression && !double.IsNaN(labels[i])).ToArray();
        if (keep.Length == 0)
            throw new KeelLearnException($"No row has a label the model knows in column '{model.Target.Column}'; there is nothing to evaluate on.");
        if (keep.Length < labels.Length) data = data.Take(keep);
        var predictions = model.Predict(data);
        // A randomized classifier's decisions are its per-row draws, not P(positive) against a threshold.
        var known = keep.Select(i => labels[i]).ToArray();
        var result = Evaluate(model.Target, known, predictions, model.Threshold, resamples, seed, decided: model.Randomization is not null);
        return value is null ? result : result with
        {
            Decisions = Decisions.DecisionEvaluation.Of(value, predictions.PositiveProbabilities(), known.Select(v => (int)v).ToArray(), model.Threshold),
        };
    }

    /// <summary>
    /// Metrics of predictions against labels (class indexes, or values for regression). A binary decision is
    /// P(positive) ≥ <paramref name="threshold"/>, or, when <paramref name="decided"/>, the predictions' own label (the
    /// per-row draws of a randomized classifier); the probability metrics use P(positive) either way.
    /// </summary>
    public static EvaluationResult Evaluate(Target target, double[] labels, Predictions predictions, double threshold = 0.5, int resamples = DefaultResamples, int seed = 42, bool decided = false)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var decisions = decided && target.Task == TaskKind.Binary ? predictions.Labels!.Select(l => l == target.Classes[1] ? 1 : 0).ToArray() : null;
        var n = labels.Length;
        var all = Enumerable.Range(0, n).ToArray();
        var point = Compute(target, labels, predictions, all, threshold, decisions);
        var intervals = resamples > 0 ? Bootstrap(target, labels, predictions, threshold, resamples, seed, decisions) : null;
        var metrics = MetricNames.For(target.Task)
            .Where(point.ContainsKey)
            .Select(name => intervals is not null && intervals.TryGetValue(name, out var ci)
                ? new MetricValue(name, point[name], ci.Lower, ci.Upper)
                : new MetricValue(name, point[name]))
            .ToArray();
        var result = new EvaluationResult { Task = target.Task, Rows = n, Metrics = metrics, Classes = target.Classes, Threshold = threshold };
        if (target.Task == TaskKind.Regression) return result;
        if (target.Task == TaskKind.Anomaly) return WithAnomalyCurves(result, labels, predictions);

        var y = labels.Select(v => (int)v).ToArray();
        var predicted = decisions ?? PredictedIndexes(target, predictions, threshold);
        var k = target.Classes.Count;
        var cm = MulticlassMetrics.ConfusionMatrix(y, predicted, k);
        result = result with { ConfusionMatrix = Enumerable.Range(0, k).Select(a => Enumerable.Range(0, k).Select(b => cm[a, b]).ToArray()).ToArray() };
        if (target.Task != TaskKind.Binary || y.Distinct().Count() < 2) return result;
        var p = predictions.PositiveProbabilities();
        var roc = BinaryMetrics.RocCurve(y, p);
        var pr = BinaryMetrics.PrecisionRecallCurve(y, p);
        var cal = BinaryMetrics.CalibrationCurve(y, p);
        return result with
        {
            Roc = new Curve(roc.Fpr, roc.Tpr),
            PrecisionRecall = new Curve(pr.Recall, pr.Precision),
            Calibration = new Curve(cal.MeanPredicted, cal.FractionPositive),
        };
    }

    private static EvaluationResult WithAnomalyCurves(EvaluationResult result, double[] labels, Predictions predictions)
    {
        var y = labels.Select(v => (int)v).ToArray();
        var flagged = predictions.Anomalies!.Select(f => f ? 1 : 0).ToArray();
        var cm = MulticlassMetrics.ConfusionMatrix(y, flagged, 2);
        result = result with { ConfusionMatrix = [[cm[0, 0], cm[0, 1]], [cm[1, 0], cm[1, 1]]] };
        if (y.Distinct().Count() < 2) return result;
        var roc = BinaryMetrics.RocCurve(y, predictions.Values!);
        var pr = BinaryMetrics.PrecisionRecallCurve(y, predictions.Values!);
        return result with { Roc = new Curve(roc.Fpr, roc.Tpr), PrecisionRecall = new Curve(pr.Recall, pr.Precision) };
    }

    private static int[] PredictedIndexes(Target target, Predictions predictions, double threshold)
    {
        var k = target.Classes.Count;
        var result = new int[predictions.Rows];
        for (var i = 0; i < result.Length; i++)
        {
            if (target.Task == TaskKind.Binary) { result[i] = predictions.Probability(i, 1) >= threshold ? 1 : 0; continue; }
            var best = 0;
            for (var c = 1; c < k; c++) if (predictions.Probability(i, c) > predictions.Probability(i, best)) best = c;
            result[i] = best;
        }
        return result;
    }

    /// <summary>Every metric of the task over a subset of rows (with repeats, for the bootstrap).</summary>
    internal static Dictionary<string, double> Compute(Target target, double[] labels, Predictions predictions, int[] rows, double threshold, int[]? decisions = null)
    {
        var m = new Dictionary<string, double>();
        if (target.Task == TaskKind.Regression)
        {
            var y = rows.Select(i => labels[i]).ToArray();
            var yhat = rows.Select(i => predictions.Values![i]).ToArray();
            m[MetricNames.Rmse] = RegressionMetrics.Rmse(y, yhat);
            m[MetricNames.Mae] = RegressionMetrics.Mae(y, yhat);
            m[MetricNames.R2] = RegressionMetrics.R2(y, yhat);
            m[MetricNames.Mape] = RegressionMetrics.Mape(y, yhat);
            return m;
        }
        var yi = rows.Select(i => (int)labels[i]).ToArray();
        if (target.Task == TaskKind.Anomaly)
        {
            var scores = rows.Select(i => predictions.Values![i]).ToArray();
            var flagged = rows.Select(i => predictions.Anomalies![i] ? 1 : 0).ToArray();
            if (yi.Contains(0) && yi.Contains(1))
            {
                m[MetricNames.RocAuc] = BinaryMetrics.RocAuc(yi, scores);
                m[MetricNames.AveragePrecision] = BinaryMetrics.AveragePrecision(yi, scores);
            }
            m[MetricNames.Precision] = BinaryMetrics.Precision(yi, flagged);
            m[MetricNames.Recall] = BinaryMetrics.Recall(yi, flagged);
            m[MetricNames.F1] = BinaryMetrics.F1(yi, flagged);
            return m;
        }
        if (target.Task == TaskKind.Binary)
        {
            var p = rows.Select(i => predictions.Probability(i, 1)).ToArray();
            var predicted = decisions is null ? p.Select(v => v >= threshold ? 1 : 0).ToArray() : rows.Select(i => decisions[i]).ToArray();
            var both = yi.Contains(0) && yi.Contains(1);
            if (both)
            {
                m[MetricNames.RocAuc] = BinaryMetrics.RocAuc(yi, p);
                m[MetricNames.AveragePrecision] = BinaryMetrics.AveragePrecision(yi, p);
            }
            m[MetricNames.Accuracy] = BinaryMetrics.Accuracy(yi, predicted);
            m[MetricNames.Precision] = BinaryMetrics.Precision(yi, predicted);
            m[MetricNames.Recall] = BinaryMetrics.Recall(yi, predicted);
            m[MetricNames.F1] = BinaryMetrics.F1(yi, predicted);
            m[MetricNames.LogLoss] = BinaryMetrics.LogLoss(yi, p);
            m[MetricNames.Brier] = BinaryMetrics.BrierScore(yi, p);
            m[MetricNames.Ece] = BinaryMetrics.ExpectedCalibrationError(yi, p);
            return m;
        }
        var k = target.Classes.Count;
        var probabilities = new double[rows.Length * k];
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < k; c++) probabilities[r * k + c] = predictions.Probability(rows[r], c);
        var pred = new int[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            var best = 0;
            for (var c = 1; c < k; c++) if (probabilities[r * k + c] > probabilities[r * k + best]) best = c;
            pred[r] = best;
        }
        m[MetricNames.Accuracy] = MulticlassMetrics.Accuracy(yi, pred);
        m[MetricNames.F1Macro] = MulticlassMetrics.F1(yi, pred, k, "macro");
        m[MetricNames.F1Micro] = MulticlassMetrics.F1(yi, pred, k, "micro");
        m[MetricNames.F1Weighted] = MulticlassMetrics.F1(yi, pred, k, "weighted");
        m[MetricNames.LogLoss] = MulticlassMetrics.LogLoss(yi, probabilities, k);
        return m;
    }

    private static Dictionary<string, (double Lower, double Upper)> Bootstrap(Target target, double[] labels, Predictions predictions, double threshold, int resamples, int seed, int[]? decisions)
    {
        var random = new Random(seed);
        var n = labels.Length;
        var samples = new Dictionary<string, List<double>>();
        var rows = new int[n];
        for (var b = 0; b < resamples; b++)
        {
            for (var i = 0; i < n; i++) rows[i] = random.Next(n);
            foreach (var (name, value) in Compute(target, labels, predictions, rows, threshold, decisions))
            {
                if (!samples.TryGetValue(name, out var list)) samples[name] = list = new List<double>(resamples);
                list.Add(value);
            }
        }
        return samples.ToDictionary(kv => kv.Key, kv =>
        {
            var sorted = kv.Value.Order().ToArray();
            return (Percentile(sorted, 0.025), Percentile(sorted, 0.975));
        });
    }

    private static double Percentile(double[] sorted, double q)
    {
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}

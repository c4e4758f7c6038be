using Keel.Learn.Metrics;

namespace Keel.Fairness.Metrics;

/// <summary>
/// The built-in group metrics, with Fairlearn's definitions and names (<c>fairlearn.metrics</c>:
/// <c>selection_rate</c>, <c>true_positive_rate</c>, <c>false_positive_rate</c>, <c>false_negative_rate</c>,
/// <c>true_negative_rate</c>, <c>mean_prediction</c>, <c>count</c>) and scikit-learn's for the rest
/// (<c>accuracy</c>, <c>precision</c>, <c>recall</c>, <c>f1</c>, <c>roc_auc</c>, ... through Keel's
/// <see cref="BinaryMetrics"/>). One difference on purpose: where Fairlearn and scikit-learn return 0 for a rate whose
/// denominator is 0 (a true positive rate of a group without positive labels, a precision of a group nobody is
/// predicted positive in), Keel says the value is undefined and why.
/// </summary>
public static class GroupMetrics
{
    /// <summary>Rows in the group (Fairlearn's <c>count</c>).</summary>
    public static GroupMetric Count { get; } = new("count", "rows", false, false, s => FairnessValue.Of(s.Count));

    /// <summary>Share of rows predicted positive, P(ŷ = 1) (Fairlearn's <c>selection_rate</c>).</summary>
    public static GroupMetric SelectionRate { get; } = new("selection_rate", "share predicted positive", false, false,
        s => FairnessValue.Of((double)s.PredictedPositives / s.Count));

    /// <summary>Mean of the 0/1 predictions (Fairlearn's <c>mean_prediction</c>); equals the selection rate for 0/1 predictions.</summary>
    public static GroupMetric MeanPrediction { get; } = new("mean_prediction", "mean of the predictions", false, false,
        s => FairnessValue.Of((double)s.PredictedPositives / s.Count));

    /// <summary>Share of rows whose label is positive, P(y = 1): the observed rate.</summary>
    public static GroupMetric BaseRate { get; } = new("base_rate", "share truly positive", true, false,
        s => FairnessValue.Of((double)s.Positives / s.Count));

    /// <summary>Share of rows predicted correctly (scikit-learn's <c>accuracy_score</c>).</summary>
    public static GroupMetric Accuracy { get; } = new("accuracy", "share predicted correctly", true, false,
        s => FairnessValue.Of((double)(s.TruePositives + s.TrueNegatives) / s.Count));

    /// <summary>Mean of the true positive and true negative rates (scikit-learn's <c>balanced_accuracy_score</c>); undefined without both classes.</summary>
    public static GroupMetric BalancedAccuracy { get; } = new("balanced_accuracy", "mean of the true positive and true negative rates", true, false,
        s => s.Positives == 0 || s.Negatives == 0
            ? FairnessValue.Undefined(s.Positives == 0 ? NoPositives : NoNegatives)
            : FairnessValue.Of(((double)s.TruePositives / s.Positives + (double)s.TrueNegatives / s.Negatives) / 2));

    /// <summary>TP / (TP + FN), P(ŷ = 1 | y = 1) (Fairlearn's <c>true_positive_rate</c>); undefined without positive labels.</summary>
    public static GroupMetric TruePositiveRate { get; } = new("true_positive_rate", "share of the truly positive predicted positive", true, false,
        s => s.Positives == 0 ? FairnessValue.Undefined(NoPositives) : FairnessValue.Of((double)s.TruePositives / s.Positives));

    /// <summary>FP / (FP + TN), P(ŷ = 1 | y = 0) (Fairlearn's <c>false_positive_rate</c>); undefined without negative labels.</summary>
    public static GroupMetric FalsePositiveRate { get; } = new("false_positive_rate", "share of the truly negative predicted positive", true, false,
        s => s.Negatives == 0 ? FairnessValue.Undefined(NoNegatives) : FairnessValue.Of((double)s.FalsePositives / s.Negatives));

    /// <summary>FN / (FN + TP), P(ŷ = 0 | y = 1) (Fairlearn's <c>false_negative_rate</c>); undefined without positive labels.</summary>
    public static GroupMetric FalseNegativeRate { get; } = new("false_negative_rate", "share of the truly positive predicted negative", true, false,
        s => s.Positives == 0 ? FairnessValue.Undefined(NoPositives) : FairnessValue.Of((double)s.FalseNegatives / s.Positives));

    /// <summary>TN / (TN + FP), P(ŷ = 0 | y = 0) (Fairlearn's <c>true_negative_rate</c>); undefined without negative labels.</summary>
    public static GroupMetric TrueNegativeRate { get; } = new("true_negative_rate", "share of the truly negative predicted negative", true, false,
        s => s.Negatives == 0 ? FairnessValue.Undefined(NoNegatives) : FairnessValue.Of((double)s.TrueNegatives / s.Negatives));

    /// <summary>TP / (TP + FP) (scikit-learn's <c>precision_score</c>); undefined when nobody in the group is predicted positive.</summary>
    public static GroupMetric Precision { get; } = new("precision", "share of the predicted positive truly positive", true, false,
        s => s.PredictedPositives == 0 ? FairnessValue.Undefined(NoPredictedPositives) : FairnessValue.Of((double)s.TruePositives / s.PredictedPositives));

    /// <summary>TP / (TP + FN) (scikit-learn's <c>recall_score</c>): the true positive rate under its other name.</summary>
    public static GroupMetric Recall { get; } = new("recall", "share of the truly positive found", true, false,
        s => s.Positives == 0 ? FairnessValue.Undefined(NoPositives) : FairnessValue.Of((double)s.TruePositives / s.Positives));

    /// <summary>2 TP / (2 TP + FP + FN) (scikit-learn's <c>f1_score</c>); undefined with no positive label and no positive prediction.</summary>
    public static GroupMetric F1 { get; } = new("f1", "harmonic mean of precision and recall", true, false,
        s => s.TruePositives + s.FalsePositives + s.FalseNegatives == 0
            ? FairnessValue.Undefined("the group has no positive labels and no positive predictions")
            : FairnessValue.Of(BinaryMetrics.F1(s.Labels, s.Predicted)));

    /// <summary>Area under the ROC curve of the scores (scikit-learn's <c>roc_auc_score</c>); undefined without both classes.</summary>
    public static GroupMetric RocAuc { get; } = new("roc_auc", "area under the ROC curve", true, true,
        s => s.Positives == 0 || s.Negatives == 0
            ? FairnessValue.Undefined(s.Positives == 0 ? NoPositives : NoNegatives)
            : FairnessValue.Of(MannWhitneyAuc(s)));

    /// <summary>Average precision of the scores (scikit-learn's <c>average_precision_score</c>); undefined without positive labels.</summary>
    public static GroupMetric AveragePrecision { get; } = new("average_precision", "area under the precision-recall curve", true, true,
        s => s.Positives == 0 ? FairnessValue.Undefined(NoPositives) : FairnessValue.Of(BinaryMetrics.AveragePrecision(s.Labels, s.Scores)));

    /// <summary>Mean score, the mean predicted P(positive): set beside <see cref="BaseRate"/> it shows calibration.</summary>
    public static GroupMetric MeanScore { get; } = new("mean_score", "mean predicted probability", false, true, s =>
    {
        double sum = 0;
        foreach (var p in s.Scores) sum += p;
        return FairnessValue.Of(sum / s.Count);
    });

    /// <summary>
    /// Calibration in the large: mean score minus the observed rate of positives. 0 is calibrated; above 0 the model
    /// overstates the group's chance, below 0 it understates it.
    /// </summary>
    public static GroupMetric CalibrationGap { get; } = new("calibration_gap", "mean predicted probability minus the observed rate", true, true, s =>
    {
        double sum = 0;
        foreach (var p in s.Scores) sum += p;
        return FairnessValue.Of(sum / s.Count - (double)s.Positives / s.Count);
    });

    /// <summary>Mean squared error of the scores (scikit-learn's <c>brier_score_loss</c>).</summary>
    public static GroupMetric Brier { get; } = new("brier", "mean squared error of the probabilities", true, true,
        s => FairnessValue.Of(BinaryMetrics.BrierScore(s.Labels, s.Scores)));

    /// <summary>Mean negative log-likelihood of the scores (scikit-learn's <c>log_loss</c>).</summary>
    public static GroupMetric LogLoss { get; } = new("log_loss", "mean negative log-likelihood", true, true,
        s => FairnessValue.Of(BinaryMetrics.LogLoss(s.Labels, s.Scores)));

    /// <summary>Every built-in metric.</summary>
    public static IReadOnlyList<GroupMetric> All { get; } =
    [
        Count, SelectionRate, MeanPrediction, BaseRate, Accuracy, BalancedAccuracy, TruePositiveRate, FalsePositiveRate,
        FalseNegativeRate, TrueNegativeRate, Precision, Recall, F1, RocAuc, AveragePrecision, MeanScore, CalibrationGap,
        Brier, LogLoss,
    ];

    /// <summary>
    /// The metrics an audit shows: count and selection rate; with labels, base rate, accuracy, the four rates and
    /// precision; with scores too, ROC AUC, mean score and calibration gap.
    /// </summary>
    public static IReadOnlyList<GroupMetric> Default(bool labels, bool scores)
    {
        var list = new List<GroupMetric> { Count, SelectionRate };
        if (labels) list.AddRange([BaseRate, Accuracy, TruePositiveRate, FalsePositiveRate, FalseNegativeRate, TrueNegativeRate, Precision]);
        if (labels && scores) list.AddRange([RocAuc, MeanScore, CalibrationGap]);
        else if (scores) list.Add(MeanScore);
        return list;
    }

    /// <summary>The built-in metric with this name; null when there is none.</summary>
    public static GroupMetric? Find(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// ROC AUC as the Mann–Whitney statistic with average ranks for ties: the share of (positive, negative) pairs the
    /// scores order correctly, ties counting half — equal to scikit-learn's trapezoidal <c>roc_auc_score</c>, in one
    /// sort without allocations beyond two arrays (the bootstrap calls it thousands of times).
    /// </summary>
    private static double MannWhitneyAuc(GroupSample s)
    {
        var scores = s.Scores.ToArray();
        var labels = s.Labels.ToArray();
        Array.Sort(scores, labels);
        double positiveRanks = 0;
        for (var i = 0; i < scores.Length;)
        {
            var j = i;
            var positives = 0;
            while (j < scores.Length && scores[j] == scores[i]) positives += labels[j++];
            positiveRanks += positives * ((i + 1 + j) / 2.0);   // the tied block's average rank, 1-based
            i = j;
        }
        double p = s.Positives, n = s.Negatives;
        return (positiveRanks - p * (p + 1) / 2) / (p * n);
    }

    private const string NoPositives = "the group has no positive labels";
    private const string NoNegatives = "the group has no negative labels";
    private const string NoPredictedPositives = "nobody in the group is predicted positive";
}

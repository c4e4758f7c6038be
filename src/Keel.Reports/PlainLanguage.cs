using System.Globalization;
using Keel.Learn;
using Keel.Learn.Evaluation;

namespace Keel.Reports;

/// <summary>Sentences a manager can read, made from an evaluation's numbers.</summary>
public static class PlainLanguage
{
    /// <summary>The main findings of an evaluation, most important first.</summary>
    public static IReadOnlyList<string> Summarize(EvaluationResult evaluation, string? positiveClass, ReportWording? wording = null)
    {
        wording ??= new ReportWording();
        var lines = new List<string>();
        switch (evaluation.Task)
        {
            case TaskKind.Binary:
            {
                var positive = positiveClass ?? evaluation.Classes[^1];
                var flagged = wording.Flagged(positive);
                var outcome = wording.Event(positive);
                var precision = evaluation[MetricNames.Precision];
                var recall = evaluation[MetricNames.Recall];
                var flaggedCount = evaluation.ConfusionMatrix.Length == 2 ? evaluation.ConfusionMatrix[0][1] + evaluation.ConfusionMatrix[1][1] : 0;
                lines.Add(flaggedCount == 0
                    ? $"At the current threshold the model flags none of the {wording.Entities} as {flagged}; lower the threshold to use it."
                    : $"Of 100 {wording.Entities} the model flags as {flagged}, about {Per100(precision)} really {outcome}; it finds {Per100(recall)} of every 100 {wording.Who} {outcome}.");
                if (evaluation.Metrics.Any(m => m.Name == MetricNames.RocAuc))
                {
                    var auc = evaluation[MetricNames.RocAuc];
                    lines.Add($"Picking one at random from the {wording.Entities} {wording.Who} {outcome} and one from the rest, the model ranks the first as more likely {Per100(auc)} times out of 100 (ROC AUC {auc.ToString("0.000", CultureInfo.InvariantCulture)}; 50 would be guessing).");
                }
                if (evaluation.ConfusionMatrix.Length == 2)
                {
                    var m = evaluation.ConfusionMatrix;
                    var total = (double)(m[0][0] + m[0][1] + m[1][0] + m[1][1]);
                    var baseRate = (m[1][0] + m[1][1]) / total;
                    lines.Add($"In the held-out data {Per100(baseRate)} of every 100 {wording.Entities} {outcome}, so a random pick of 100 would find about {Per100(baseRate)}.");
                }
                var ece = evaluation[MetricNames.Ece];
                lines.Add($"Its probabilities can be read as chances: on average they are off by {(ece * 100).ToString("0.0", CultureInfo.InvariantCulture)} percentage points (expected calibration error).");
                break;
            }
            case TaskKind.Anomaly:
            {
                var positive = positiveClass ?? evaluation.Classes[^1];
                var cm = evaluation.ConfusionMatrix;
                var flaggedCount = cm.Length == 2 ? cm[0][1] + cm[1][1] : 0;
                lines.Add(flaggedCount == 0
                    ? $"At its threshold the detector flags none of the held-out rows; lower the threshold (or raise --contamination) to use it."
                    : $"Of 100 rows the detector flags, about {Per100(evaluation[MetricNames.Precision])} are labelled {positive}; it flags {Per100(evaluation[MetricNames.Recall])} of every 100 rows labelled {positive}.");
                if (evaluation.Metrics.Any(m => m.Name == MetricNames.RocAuc))
                {
                    var auc = evaluation[MetricNames.RocAuc];
                    lines.Add($"Picking one row labelled {positive} and one other at random, the detector scores the first as more anomalous {Per100(auc)} times out of 100 (ROC AUC {auc.ToString("0.000", CultureInfo.InvariantCulture)}; 50 would be guessing). It never saw the labels.");
                }
                break;
            }
            case TaskKind.Multiclass:
                lines.Add($"The model names the right class for {Per100(evaluation[MetricNames.Accuracy])} of every 100 {wording.Entities}.");
                lines.Add($"Averaged over the {evaluation.Classes.Count} classes equally, its F1 score is {evaluation[MetricNames.F1Macro].ToString("0.00", CultureInfo.InvariantCulture)} (1 is perfect).");
                break;
            default:
            {
                var mae = evaluation[MetricNames.Mae];
                var r2 = evaluation[MetricNames.R2];
                lines.Add($"Its predictions are typically off by {mae.ToString("G4", CultureInfo.InvariantCulture)} (mean absolute error).");
                lines.Add($"It explains {Per100(Math.Max(0, r2))} % of the variation in the target (R² {r2.ToString("0.000", CultureInfo.InvariantCulture)}).");
                break;
            }
        }
        return lines;
    }

    private static string Per100(double share) => Math.Round(share * 100).ToString("0", CultureInfo.InvariantCulture);
}

using System.Globalization;
using Keel.Data;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Evaluation;
using Keel.Learn.Selection;

namespace Keel.Reports;

/// <summary>
/// The report of a trained model: a plain-language summary, held-out metrics with intervals and plots, every
/// candidate of model selection, the business KPI and its threshold when the model has one, what the model relies on, the training data's profile, and the manifest.
/// </summary>
public static class TrainingReport
{
    public static HtmlReport Build(ModelBundle bundle, IReadOnlyList<ColumnImportance>? importance = null, ReportWording? wording = null)
    {
        var m = bundle.Manifest;
        var report = new HtmlReport($"Model report: {m.Name}",
            $"{Describe(m.Task)} {(m.Task == TaskKind.Anomaly ? m.Label.Length > 0 ? $"evaluated against \u201c{m.Label}\u201d" : "trained without a label" : $"predicting \u201c{m.Label}\u201d")} \u00b7 {m.Trainer} \u00b7 trained {m.CreatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)} on {m.TrainingData.TrainRows:N0} rows");
        var evaluation = bundle.Evaluation;
        if (evaluation is not null) AddSummary(report, evaluation, m.PositiveClass, wording);
        if (evaluation is not null) AddPerformance(report, evaluation);
        DecisionReport.Add(report, bundle.Decision, evaluation?.Decisions);
        if (bundle.Selection is not null) AddSelection(report, bundle.Selection);
        if (importance is { Count: > 0 }) AddImportance(report, importance, evaluation?.Task ?? m.Task);
        ProfileReport.AddProfile(report, bundle.Profile, "The training data");
        AddDetails(report, m);
        return report;
    }

    private static string Describe(TaskKind task) => task switch
    {
        TaskKind.Binary => "Binary classifier",
        TaskKind.Multiclass => "Multiclass classifier",
        TaskKind.Anomaly => "Anomaly detector",
        _ => "Regression model",
    };

    private static void AddSummary(HtmlReport report, EvaluationResult evaluation, string? positiveClass, ReportWording? wording)
    {
        var section = report.Section("In plain words");
        foreach (var line in PlainLanguage.Summarize(evaluation, positiveClass, wording)) section.Callout(line);
        section.Note($"Measured on {evaluation.Rows:N0} rows the model never saw while it was trained or chosen.");
    }

    /// <summary>Held-out metrics with their intervals, and the curves and confusion matrix of an evaluation.</summary>
    internal static void AddPerformance(HtmlReport report, EvaluationResult evaluation, string heading = "How well it works on held-out data")
    {
        var section = report.Section(heading);
        section.Table(["metric", "value", "95 % interval"], evaluation.Metrics.Select(v => (IReadOnlyList<string>)
            [Label(v.Name), F(v.Value), v.Lower is { } lo && v.Upper is { } hi ? $"{F(lo)} – {F(hi)}" : ""]));
        section.Note("Intervals are 95 % bootstrap intervals over the held-out rows (1000 resamples).");
        var figures = new List<(string, string)>();
        if (evaluation.Roc is { } roc)
            figures.Add((Plots.Roc(roc, evaluation[MetricNames.RocAuc]), "How many positives the model catches (up) for each false alarm it raises (right). The dashed line is guessing."));
        if (evaluation.PrecisionRecall is { } pr && evaluation.ConfusionMatrix.Length == 2)
        {
            var cm = evaluation.ConfusionMatrix;
            var baseRate = (double)(cm[1][0] + cm[1][1]) / (cm[0][0] + cm[0][1] + cm[1][0] + cm[1][1]);
            figures.Add((Plots.PrecisionRecall(pr, evaluation[MetricNames.AveragePrecision], baseRate), "Finding more positives (right) costs precision (down): choose the threshold where the trade suits the business."));
        }
        if (evaluation.Calibration is { } cal)
            figures.Add((Plots.Calibration(cal), "Points near the dashed line mean a predicted 30 % really happens about 30 % of the time."));
        if (evaluation.ConfusionMatrix.Length > 0)
            figures.Add((Plots.ConfusionMatrix(evaluation.ConfusionMatrix, evaluation.Classes),
                evaluation.Task == TaskKind.Anomaly ? $"Counts of labels (rows) against flags (columns) at the score threshold {evaluation.Threshold.ToString("G4", CultureInfo.InvariantCulture)}."
                : evaluation.Task == TaskKind.Binary ? $"Counts at the probability threshold {evaluation.Threshold.ToString("0.00##", CultureInfo.InvariantCulture)}." : "Counts of actual (rows) against predicted (columns) classes."));
        if (figures.Count > 0) section.Figures(figures.ToArray());
    }

    private static void AddSelection(HtmlReport report, SelectionResult selection)
    {
        var section = report.Section("How the model was chosen");
        section.Paragraph($"Each candidate was scored by {selection.Folds}-fold cross-validation on the training rows, ranked by {Label(selection.Metric)}. The best was retrained on all training rows.");
        section.Table(["trainer", Label(selection.Metric) + " (mean ± sd)", "folds", "time", "status"], selection.Candidates.Select(c => (IReadOnlyList<string>)
        [
            c.Trainer + (c.Trainer == selection.Best.Trainer ? " (chosen)" : ""),
            c.FoldScores.Length == 0 ? "–" : $"{F(c.Mean)} ± {F(c.Std)}",
            c.FoldScores.Length.ToString(CultureInfo.InvariantCulture),
            $"{c.Duration.TotalSeconds:0.0} s",
            c.Note is null ? c.Status.ToString().ToLowerInvariant() : $"{c.Status.ToString().ToLowerInvariant()}: {c.Note}",
        ]));
    }

    private static void AddImportance(HtmlReport report, IReadOnlyList<ColumnImportance> importance, TaskKind task)
    {
        var section = report.Section("What the model relies on");
        var metric = Label(MetricNames.DefaultFor(task));
        var top = importance.Take(3).Select(i => i.Column).ToArray();
        section.Callout($"The columns that matter most are {string.Join(", ", top.Take(top.Length - 1))}{(top.Length > 1 ? " and " : "")}{top[^1]}.");
        section.Figures((Plots.Importance(importance.Select(i => (i.Column, i.Mean)).ToArray(), "Permutation importance", $"drop in {metric}"),
            "How much the held-out score drops when a column's values are shuffled: the larger the drop, the more the model depends on it."));
    }

    private static void AddDetails(HtmlReport report, BundleManifest m)
    {
        var section = report.Section("Details");
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "name and version", $"{m.Name} v{m.Version}" },
            new[] { "trainer", m.Trainer },
            new[] { "parameters", string.Join(", ", m.Parameters.Select(p => $"{p.Key}={p.Value}")) },
            new[] { "seed", m.Seed.ToString(CultureInfo.InvariantCulture) },
            new[] { "label and classes", m.Classes.Count > 0 ? $"{m.Label}: {string.Join(", ", m.Classes)} (positive: {m.PositiveClass ?? "–"})" : m.Label },
            new[] { "inputs", string.Join(", ", m.Inputs.Select(i => i.Name)) },
            new[] { "training data", $"{m.TrainingData.Source} ({m.TrainingData.Rows:N0} rows: {m.TrainingData.TrainRows:N0} train, {m.TrainingData.TestRows:N0} held out)" },
            new[] { "data fingerprint (SHA-256)", m.TrainingData.Fingerprint },
            new[] { "Keel version", m.KeelVersion },
        };
        section.Table(["", ""], rows);
    }

    internal static string Label(string metric) => metric switch
    {
        MetricNames.RocAuc => "ROC AUC",
        MetricNames.AveragePrecision => "average precision",
        MetricNames.LogLoss => "log loss",
        MetricNames.Brier => "Brier score",
        MetricNames.Ece => "expected calibration error",
        MetricNames.F1Macro => "F1 (macro)",
        MetricNames.F1Micro => "F1 (micro)",
        MetricNames.F1Weighted => "F1 (weighted)",
        MetricNames.Rmse => "RMSE",
        MetricNames.Mae => "MAE",
        MetricNames.R2 => "R²",
        MetricNames.Mape => "MAPE",
        _ => metric,
    };

    internal static string F(double v) => double.IsNaN(v) ? "–" : v.ToString(Math.Abs(v) >= 1000 ? "N0" : "0.0000", CultureInfo.InvariantCulture);
}

using System.Globalization;
using Keel.Learn.Decisions;
using Keel.Monitoring;
using Keel.Monitoring.Drift;
using Keel.Monitoring.Performance;
using Keel.Monitoring.Quality;

namespace Keel.Reports;

/// <summary>
/// The report of <c>keel monitor</c>: a plain-language summary first, then performance over time (estimated without
/// labels, realized with them, against the reference's band), and every data-quality problem by window.
/// </summary>
public static class MonitoringReport
{
    public static HtmlReport Build(string model, string data, MonitoringResult result)
    {
        var report = new HtmlReport($"How the model is doing: {model}", $"{data} \u00b7 {result.Rows:N0} rows in windows of {result.Window:N0}");
        var summary = report.Section("In short");
        foreach (var sentence in Summary(result)) summary.Paragraph(sentence);
        AddDrift(report, result);
        AddPerformance(report, result);
        AddMultivariate(report, result);
        AddQuality(report, result.Quality);
        if (result.Notes.Count > 0)
        {
            var notes = report.Section("What this report could not show");
            foreach (var note in result.Notes) notes.Note(note);
        }
        return report;
    }

    /// <summary>Sentences a manager can read: how many windows, what went wrong with the data, where performance went.</summary>
    public static IReadOnlyList<string> Summary(MonitoringResult result)
    {
        var sentences = new List<string>();
        var windows = result.Quality.Count;
        var troubled = result.Quality.Count(w => w.HasIssues);
        if (troubled == 0) sentences.Add($"No data-quality problems in any of the {windows} windows: no missing or new columns, no values of the wrong type, no unusual gaps, ranges or categories.");
        else
        {
            var kinds = result.Quality.SelectMany(w => w.Issues).GroupBy(i => (i.Kind, i.Column)).OrderByDescending(g => g.Count()).Take(3)
                .Select(g => $"{Describe(g.Key.Kind)} in '{g.Key.Column}' ({g.Count()} of {windows} windows)");
            sentences.Add($"{troubled} of {windows} windows have data problems: {string.Join("; ", kinds)}.");
        }
        if (result.Drift is { } drift) sentences.Add(DriftSentence(result, drift));
        if (result.Domain is { } domain) sentences.Add(DomainSentence(domain));
        var (metric, series) = Headline(result);
        if (series is { Count: > 0 })
        {
            var first = series[0].Metrics[metric];
            var last = series[^1].Metrics[metric];
            var realized = ReferenceEquals(series, result.Realized);
            var how = realized ? "measured against the labels" : "estimated from the model's own confidence (no labels needed)";
            var sentence = string.Create(CultureInfo.InvariantCulture, $"{Label(metric)}, {how}, went from {first:0.000} in the first window to {last:0.000} in the last");
            if (realized && result.Estimated.Count > 0)
                sentence += string.Create(CultureInfo.InvariantCulture, $" (estimated without labels: {result.Estimated[0].Metrics[metric]:0.000} and {result.Estimated[^1].Metrics[metric]:0.000})");
            sentences.Add(sentence + ".");
            var alerts = series.Count(c => c.Alerts.Contains(metric));
            if (!series[0].Band.ContainsKey(metric))
                sentences.Add("There is no reference to compare it with: give the model's labelled validation rows as the reference to get alert bands.");
            else
                sentences.Add(alerts == 0
                    ? "It stayed within the range the model kept on its reference data."
                    : $"In {alerts} of {series.Count} windows it fell outside the range the model kept on its reference data: a sign that the model needs attention.");
        }
        if (ValueSentence(result) is { } value) sentences.Add(value);
        return sentences;
    }

    /// <summary>"Net gain per decision, measured against the labels, went from 12.3 EUR in the first window to 4.1 EUR in the last (estimated …)."</summary>
    public static string? ValueSentence(MonitoringResult result)
    {
        if (result.Value is not { } value) return null;
        var realized = result.Realized.Count > 0 && result.Realized[0].Metrics.ContainsKey(DecisionValue.MetricName);
        var series = realized ? result.Realized : result.Estimated;
        if (series.Count == 0 || !series[0].Metrics.ContainsKey(DecisionValue.MetricName)) return null;
        double At(PerformanceChunk c) => c.Metrics[DecisionValue.MetricName];
        var how = realized ? "realized against the labels" : "expected from the model's own confidence (CBPE, no labels needed)";
        var sentence = $"The {value.Name} per decision, {how}, went from {value.Format(At(series[0]))} in the first window to {value.Format(At(series[^1]))} in the last";
        if (realized && result.Estimated.Count > 0 && result.Estimated[0].Metrics.ContainsKey(DecisionValue.MetricName))
            sentence += $" (expected without labels: {value.Format(At(result.Estimated[0]))} and {value.Format(At(result.Estimated[^1]))})";
        var total = series.Sum(c => At(c) * c.Rows);
        sentence += $"; {value.Format(total, "#,0")} over all {series.Sum(c => c.Rows):N0} decisions.";
        var alerts = series.Count(c => c.Alerts.Contains(DecisionValue.MetricName));
        if (alerts > 0) sentence += $" In {alerts} of {series.Count} windows it fell below the range it kept on the reference data.";
        return sentence;
    }

    private static (string Metric, IReadOnlyList<PerformanceChunk>? Series) Headline(MonitoringResult result)
    {
        if (result.Realized.Count > 0) return (result.Task == "Regression" ? "rmse" : "accuracy", result.Realized);
        if (result.Estimated.Count > 0) return ("accuracy", result.Estimated);
        return ("", null);
    }

    private static void AddPerformance(HtmlReport report, MonitoringResult result)
    {
        if (result.Estimated.Count == 0 && result.Realized.Count == 0) return;
        var section = report.Section("Performance over time");
        string[] metrics = result.Task == "Regression" ? ["rmse", "mae"]
            : result.Value is null ? ["accuracy", "f1", "roc_auc"] : ["accuracy", "f1", "roc_auc", DecisionValue.MetricName];
        var figures = new List<(string, string)>();
        foreach (var metric in metrics)
        {
            var series = new List<(string, double[], IReadOnlyList<int>)>();
            if (result.Estimated.Count > 0) series.Add(Series("estimated (CBPE)", result.Estimated, metric));
            if (result.Realized.Count > 0) series.Add(Series("realized", result.Realized, metric));
            var source = result.Realized.Count > 0 ? result.Realized : result.Estimated;
            (double, double)? band = source[0].Band.TryGetValue(metric, out var b) ? b : null;
            var axis = metric == DecisionValue.MetricName && result.Value is { } v ? $"{v.Name} per decision{(v.Unit.Length > 0 ? $" ({v.Unit})" : "")}" : metric;
            figures.Add((Plots.OverTime(Label(metric), axis, series, band), $"{Label(metric)} per window of {result.Window:N0} rows"));
        }
        section.Paragraph("Each point is one window of rows. The dashed lines are the range the model kept on the reference data (mean ± 3 standard deviations of its windows); a red ring marks a window outside it.");
        section.Figures([.. figures]);
        var rows = (result.Estimated.Count > 0 ? result.Estimated : result.Realized).Select(c => (IReadOnlyList<string>)[
            c.Index.ToString(CultureInfo.InvariantCulture), c.Start.ToString("N0", CultureInfo.InvariantCulture), c.Rows.ToString("N0", CultureInfo.InvariantCulture),
            .. metrics.Select(m => Number(c.Metrics[m]) + (c.Realized is { } r && result.Estimated.Count > 0 ? $" (realized {Number(r[m])})" : "")),
            string.Join(", ", c.Alerts.Concat(result.Realized.Count > c.Index && result.Estimated.Count > 0 ? result.Realized[c.Index].Alerts.Select(a => $"{a} (realized)") : []))]);
        section.Table(["window", "first row", "rows", .. metrics, "alerts"], rows);
    }

    /// <summary>"3 of 20 inputs have shifted; the biggest change is in 'tenure': its values are lower than in the reference."</summary>
    public static string DriftSentence(MonitoringResult result, DatasetDriftResult drift)
    {
        var drifted = drift.Columns.Where(c => c.Drifted).OrderByDescending(ModelMonitor.Severity).ToArray();
        var against = result.DriftMode == "profile" ? "the training data (the bundle's profile)" : "the reference";
        if (drifted.Length == 0) return $"None of the {drift.Columns.Count} inputs tested has shifted against {against}.";
        var top = drifted[0];
        var how = result.Distributions.TryGetValue(top.Column, out var bins) ? Direction(bins) : null;
        var verdict = drift.Drifted ? $" That is {drift.DriftedShare:P0} of the inputs, at or above the {drift.DriftShare:P0} that marks the data set as drifted." : "";
        return $"{drifted.Length} of {drift.Columns.Count} inputs have shifted against {against}; the biggest change is in '{top.Column}'{(how is null ? "" : $": {how}")}.{verdict}";
    }

    /// <summary>"its values are higher than in the reference (mean about 51.2 against 38.6)", or "'Month-to-month' is more common (58% against 42%)".</summary>
    private static string? Direction(DriftBins bins)
    {
        if (bins.Edges is { } edges)
        {
            double Mean(IReadOnlyList<double> shares) => Enumerable.Range(0, shares.Count).Sum(k => shares[k] * (edges[k] + edges[k + 1]) / 2) / Math.Max(1e-12, shares.Sum());
            var (before, now) = (Mean(bins.ReferenceShares), Mean(bins.CurrentShares));
            return string.Create(CultureInfo.InvariantCulture, $"its values are {(now > before ? "higher" : "lower")} than in the reference (mean about {now:0.###} against {before:0.###})");
        }
        if (bins.Categories is { } categories && categories.Count > 0)
        {
            var k = Enumerable.Range(0, categories.Count).MaxBy(i => bins.CurrentShares[i] - bins.ReferenceShares[i]);
            return string.Create(CultureInfo.InvariantCulture, $"'{categories[k]}' is more common ({bins.CurrentShares[k]:P0} against {bins.ReferenceShares[k]:P0})");
        }
        return null;
    }

    private static void AddDrift(HtmlReport report, MonitoringResult result)
    {
        if (result.Drift is not { } drift) return;
        var section = report.Section("Which inputs have shifted");
        section.Paragraph(DriftSentence(result, drift));
        section.Paragraph(result.DriftMode == "profile"
            ? "Tested against a sketch of the training data kept in the bundle (its histograms and category counts), with Evidently's default test per column: normed Wasserstein distance for numbers and Jensen\u2013Shannon distance for categories when the reference has more than 1,000 rows."
            : "Tested against the reference rows with Evidently's default test per column (Kolmogorov\u2013Smirnov or chi-square up to 1,000 reference rows; normed Wasserstein distance for numbers and Jensen\u2013Shannon distance for categories above).");
        section.Table(["input", "test", "value", "threshold", "shifted"], drift.Columns.OrderByDescending(ModelMonitor.Severity).Select(c => (IReadOnlyList<string>)[
            c.Column, c.Test, Number(c.Score), c.Threshold.ToString("0.###", CultureInfo.InvariantCulture), c.Drifted ? "yes" : "no"]));
        if (result.Distributions.Count > 0)
            section.Figures([.. result.Distributions.Select(d => (Plots.Overlay(d.Key, d.Value), $"{d.Key}: the reference (grey) and the current rows (blue)"))]);
        if (result.DriftWindows.Count > 1)
        {
            var shares = result.DriftWindows.Select(w => w.DriftedShare).ToArray();
            var alerts = result.DriftWindows.Select((w, i) => (w, i)).Where(x => x.w.Drifted).Select(x => x.i).ToArray();
            section.Figures((Plots.OverTime("Share of inputs that shifted", "share", [("shifted inputs", shares, alerts)], (0, drift.DriftShare)),
                $"Per window of {result.Window:N0} rows; the data set counts as drifted at {drift.DriftShare:P0} (dashed)"));
        }
    }

    /// <summary>"A classifier tells the new rows from the reference with ROC AUC 0.69 (0.5: no better than chance): ..."</summary>
    public static string DomainSentence(Keel.Monitoring.Multivariate.DomainClassifierResult domain)
    {
        var auc = domain.Auc.ToString("0.00", CultureInfo.InvariantCulture);
        if (!domain.Drifted) return $"A classifier cannot tell the new rows from the reference (ROC AUC {auc}; 0.5 is chance): taken together, the inputs look as they did.";
        var top = domain.Columns.Where(c => c.Mean > 0).Take(2).Select(c => $"'{c.Column}'").ToArray();
        return $"A classifier tells the new rows from the reference with ROC AUC {auc} (0.5 is chance): the data has shifted" +
               (top.Length > 0 ? $", and {string.Join(" and ", top)} give{(top.Length == 1 ? "s" : "")} it away most." : ".");
    }

    private static void AddMultivariate(HtmlReport report, MonitoringResult result)
    {
        if (result.Domain is null && result.Reconstruction.Count == 0) return;
        var section = report.Section("Did the data as a whole change?");
        if (result.Domain is { } domain)
        {
            section.Paragraph(DomainSentence(domain) + string.Create(CultureInfo.InvariantCulture,
                $" The classifier was trained on {domain.ReferenceRows:N0} reference and {domain.CurrentRows:N0} new rows in {domain.FoldAucs.Count} folds (AUC per fold {string.Join(", ", domain.FoldAucs.Select(a => a.ToString("0.00", CultureInfo.InvariantCulture)))}); drift is called at {domain.Threshold:0.00} or above."));
            var telling = domain.Columns.Where(c => c.Mean > 0).Take(12).Select(c => (c.Column, c.Mean)).ToArray();
            if (telling.Length > 0)
                section.Figures((Plots.Importance(telling, "What gives the new rows away", "drop in AUC when shuffled"), "Permutation importance in the domain classifier"));
        }
        if (result.Reconstruction.Count > 0)
        {
            var chunks = result.Reconstruction;
            var band = (chunks[0].LowerThreshold ?? 0, chunks[0].UpperThreshold);
            section.Paragraph("The reconstruction error compresses each row onto the reference's main patterns (PCA keeping 65 % of the variance) and measures what is lost. It rises when the relations between inputs change, even if no single input does.");
            section.Figures((Plots.OverTime("Reconstruction error", "mean error", [("reconstruction error", chunks.Select(c => c.Error).ToArray(), chunks.Where(c => c.Alert).Select(c => c.Index).ToArray())], band),
                $"Per window of {result.Window:N0} rows; the band is the reference windows' mean ± 3 standard deviations"));
        }
    }

    private static (string, double[], IReadOnlyList<int>) Series(string name, IReadOnlyList<PerformanceChunk> chunks, string metric) =>
        (name, chunks.Select(c => c.Metrics[metric]).ToArray(), chunks.Where(c => c.Alerts.Contains(metric)).Select(c => c.Index).ToArray());

    private static void AddQuality(HtmlReport report, IReadOnlyList<DataQualityResult> windows)
    {
        var section = report.Section("Data quality");
        var issues = windows.SelectMany((w, i) => w.Issues.Select(issue => (Window: i, issue))).ToArray();
        if (issues.Length == 0)
        {
            section.Paragraph("No problems: every column the reference has is present, of the same type, no more often missing, within the reference's range and categories.");
            return;
        }
        section.Table(["window", "column", "problem"], issues.Select(x => (IReadOnlyList<string>)[x.Window.ToString(CultureInfo.InvariantCulture), x.issue.Column, x.issue.Message]));
    }

    private static string Describe(DataQualityKind kind) => kind switch
    {
        DataQualityKind.MissingColumn => "a missing column",
        DataQualityKind.NewColumn => "a new column",
        DataQualityKind.TypeErrors => "values of the wrong type",
        DataQualityKind.MissingRate => "more missing values",
        DataQualityKind.OutOfRange => "values outside the reference's range",
        _ => "categories never seen before",
    };

    private static string Label(string metric) => metric switch
    {
        "accuracy" => "Accuracy",
        "f1" => "F1",
        "roc_auc" => "ROC AUC",
        "rmse" => "RMSE",
        "mae" => "Mean absolute error",
        DecisionValue.MetricName => "Value per decision",
        _ => metric,
    };

    private static string Number(double v) => double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}

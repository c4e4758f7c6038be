using System.Globalization;
using Keel.Fairness;
using Keel.Fairness.Bias;
using Keel.Fairness.Metrics;

namespace Keel.Reports;

/// <summary>
/// The report of <c>keel fairness</c>: the findings in plain words first, then per sensitive column (and for their
/// intersection) the rates per group with interval bars, the per-group table, Fairlearn's measures (an undefined value
/// shown as text with its reason), disparate impact with the four-fifths rule of thumb, Clarify's pre-training bias
/// metrics of the labels, and the warnings.
/// </summary>
public static class FairnessReport
{
    private static readonly (string Metric, string Title)[] Charted =
    [
        ("selection_rate", "Selection rate"), ("true_positive_rate", "True positive rate"), ("false_positive_rate", "False positive rate"),
    ];

    private static readonly (string Metric, string Header)[] Columns =
    [
        ("selection_rate", "selection rate"), ("base_rate", "base rate"), ("accuracy", "accuracy"), ("true_positive_rate", "TPR"),
        ("false_positive_rate", "FPR"), ("precision", "precision"), ("roc_auc", "ROC AUC"), ("mean_score", "mean score"),
    ];

    public static HtmlReport Build(string model, string data, FairnessAuditResult audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var interval = audit.Bootstrap > 0 ? $"{audit.ConfidenceLevel * 100:0} % intervals from {audit.Bootstrap:N0} bootstrap resamples within each group" : "no intervals";
        var report = new HtmlReport($"Fairness: {model}", $"{data} \u00b7 {audit.Rows:N0} rows \u00b7 positive outcome '{audit.PositiveClass}' \u00b7 {interval}");
        var summary = report.Section("In short");
        for (var i = 0; i < audit.Summary.Count; i++)
            if (i == 0) summary.Callout(audit.Summary[i]); else summary.Paragraph(audit.Summary[i]);
        summary.Note("Fairness has several definitions that cannot all hold at once; these numbers show where the groups differ, and a person decides whether a difference is justified.");

        var overall = report.Section("Overall");
        overall.Table(["metric", "value", "interval"], audit.Overall.Select(kv => (IReadOnlyList<string>)[kv.Key, Value(kv.Value), kv.Key == "count" ? "" : Interval(kv.Value)]));

        foreach (var analysis in audit.Analyses) AddAnalysis(report, analysis, audit);

        if (audit.Warnings.Count > 0)
        {
            var warnings = report.Section("Warnings");
            foreach (var w in audit.Warnings) warnings.Paragraph(w);
        }
        var about = report.Section("About these numbers");
        about.Note("Definitions follow Fairlearn (selection rate, true and false positive rates, demographic parity, equalized odds, equal opportunity; between_groups = largest minus smallest group value, or smallest over largest; to_overall = the group farthest from all rows) and SageMaker Clarify for the pre-training metrics (CI, DPL, KL, JS, LP, TVD, KS of facet d against the rest a).");
        about.Note("A rate is undefined, not 0, when its group lacks the rows it divides by (a true positive rate without positive labels); such groups are left out of differences and named.");
        about.Note("The four-fifths rule of thumb (US EEOC Uniform Guidelines) flags a selection rate below 80 % of the highest group's. It is a screening heuristic, not a legal or statistical verdict: small groups move it by chance, and passing it does not show a model is fair.");
        return report;
    }

    private static void AddAnalysis(HtmlReport report, SensitiveAnalysis analysis, FairnessAuditResult audit)
    {
        var frame = analysis.Frame;
        var section = report.Section(analysis.Intersectional ? $"By {analysis.Name} (intersectional)" : $"By {analysis.Name}");
        var figures = Charted.Where(c => frame.Metrics.Contains(c.Metric))
            .Select(c => (IntervalChart.Render($"{c.Title} by {analysis.Name}",
                frame.ByGroup.Select(g => Item(g.Name, g[c.Metric])).ToArray(), frame.Overall[c.Metric].Value),
                $"{c.Title} per group; whiskers: the interval; dashed line: all rows."))
            .ToArray();
        section.Figures(figures);
        section.Note("Base rate: the share truly positive; mean score: the mean predicted probability (calibrated when it matches the base rate). Intervals in brackets.");

        var shown = Columns.Where(c => frame.Metrics.Contains(c.Metric)).ToArray();
        section.Subheading("Per group");
        section.Table(["group", "rows", "positives", .. shown.Select(c => c.Header), "note"],
            frame.ByGroup.Select(g => (IReadOnlyList<string>)
            [
                g.Name, g.Count.ToString("N0", CultureInfo.InvariantCulture), g.Positives?.ToString("N0", CultureInfo.InvariantCulture) ?? "",
                .. shown.Select(c => Cell(g[c.Metric])), g.SmallGroupWarning is null ? "" : "too small to judge",
            ]));

        section.Subheading("Measures");
        section.Table(["measure", "method", "value", "interval", "note"],
            analysis.Measures.Select(m => (IReadOnlyList<string>)[m.Name, m.MethodName, Value(m.Value), Interval(m.Value), m.Value.UndefinedReason ?? m.Value.Note ?? ""]));

        var di = analysis.DisparateImpact;
        section.Subheading("Disparate impact");
        var against = di.ReferenceIsPrivileged ? $"the privileged group {di.Reference}" : $"{di.Reference}, the group selected most often";
        section.Paragraph(di.Ratio.IsDefined
            ? $"Each group's selection rate over that of {against}. The lowest, {di.Ratio.Value:0.00} ({di.WorstGroup}), is {(di.BelowThreshold == true ? "below" : "not below")} the four-fifths rule of thumb ({di.Threshold:0.00}); a rule of thumb, not a verdict."
            : $"The disparate impact ratio is undefined: {di.Ratio.UndefinedReason}.");
        if (di.PooledRatio is { } pooled)
            section.Paragraph($"All other groups pooled against {di.Reference} (AIF360's disparate impact): {Value(pooled)}.");
        section.Table(["group", "rows", "selected", "selection rate", "ratio to reference", "below four fifths"],
            di.Groups.Select(g => (IReadOnlyList<string>)
            [
                g.Group, g.Count.ToString("N0", CultureInfo.InvariantCulture), g.Selected.ToString("N0", CultureInfo.InvariantCulture), Value(g.Rate),
                g.Group == di.Reference ? "reference" : Value(g.RatioToReference),
                g.Group == di.Reference || !g.RatioToReference.IsDefined ? "" : g.RatioToReference.Value < di.Threshold ? "yes" : "no",
            ]));

        if (analysis.PretrainingBias.Count > 0)
        {
            section.Subheading("Bias in the labels, before any model (SageMaker Clarify's pre-training metrics)");
            section.Note($"Each group (facet d) against all other rows (a), on the label '{audit.Label}'. CI > 0: the group is under-represented; DPL > 0: it has fewer positive labels; KL, JS, LP, TVD, KS: how far its label distribution is from the rest's (0 = the same).");
            section.Table(["facet d", "n_d", "n_a", "q_d", "q_a", "CI", "DPL", "KL", "JS", "LP", "TVD", "KS"],
                analysis.PretrainingBias.Select(b => (IReadOnlyList<string>)
                [
                    b.Facet, b.FacetCount.ToString("N0", CultureInfo.InvariantCulture), b.RestCount.ToString("N0", CultureInfo.InvariantCulture),
                    Cell(b.FacetPositiveRate), Cell(b.RestPositiveRate), Cell(b.ClassImbalance), Cell(b.DifferenceInPositiveProportions),
                    Cell(b.KlDivergence), Cell(b.JsDivergence), Cell(b.LpNorm), Cell(b.TotalVariationDistance), Cell(b.KolmogorovSmirnov),
                ]));
        }

        foreach (var control in frame.ByControl)
        {
            section.Subheading($"Within control level {control.ControlLevel}");
            section.Table(["metric", "all rows", "smallest group", "largest group", "difference", "ratio"],
                control.Metrics.Where(m => m != "count").Select(m => (IReadOnlyList<string>)
                [
                    m, Value(control.Overall[m]), Value(control.GroupMin(m)), Value(control.GroupMax(m)), Value(control.Difference(m)), Value(control.Ratio(m)),
                ]));
        }
    }

    private static IntervalChart.Item Item(string label, FairnessValue v) => new(label, v.Value, v.Lower, v.Upper, v.UndefinedReason);

    /// <summary>"0.152", or "undefined: reason".</summary>
    internal static string Value(FairnessValue v) =>
        v.Value is { } x ? x.ToString(Math.Abs(x) >= 100 ? "N0" : "0.000", CultureInfo.InvariantCulture) : $"undefined: {v.UndefinedReason}";

    private static string Interval(FairnessValue v) =>
        v.Lower is { } lo && v.Upper is { } hi ? string.Create(CultureInfo.InvariantCulture, $"{lo:0.000} – {hi:0.000}") : "";

    /// <summary>A table cell: the value with its interval, or "undefined: reason".</summary>
    private static string Cell(FairnessValue v) =>
        v.Value is not { } x ? $"undefined: {v.UndefinedReason}"
        : v.Lower is { } lo && v.Upper is { } hi ? string.Create(CultureInfo.InvariantCulture, $"{x:0.000} ({lo:0.000}–{hi:0.000})")
        : x.ToString("0.000", CultureInfo.InvariantCulture);
}

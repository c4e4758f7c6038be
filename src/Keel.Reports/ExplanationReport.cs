using System.Globalization;
using Keel.Explain;

namespace Keel.Reports;

/// <summary>
/// The report of <c>keel explain</c>: which inputs matter most overall (mean |SHAP|), and for each chosen row what
/// raised and lowered its score, as a chart and as a plain-language list of reasons.
/// </summary>
public static class ExplanationReport
{
    public static HtmlReport Build(string model, string data, ShapValues global, IReadOnlyList<RowExplanation> rows, string units,
        IReadOnlyList<PartialDependenceResult>? dependence = null, string? predictionName = null, Keel.Data.Table? globalRows = null)
    {
        var report = new HtmlReport($"Why the model predicts what it does: {model}", $"{data} \u00b7 exact SHAP values in {units}");
        var importance = global.Features.Zip(global.MeanAbsolute()).OrderByDescending(p => p.Second).ToArray();
        var overall = report.Section("What matters overall");
        overall.Paragraph(Overall(importance, global.Rows));
        overall.Figures((Plots.Importance(importance.Take(15).Select(p => (p.First, p.Second)).ToArray(), "Mean |SHAP value| per input", units), $"Over {global.Rows:N0} rows"));
        if (globalRows is not null) AddSummaryPlots(report, global, globalRows, importance.Select(p => p.First).ToArray(), units);
        if (dependence is { Count: > 0 })
        {
            var section = report.Section("How the prediction moves with one input");
            section.Paragraph($"Each chart sets one input to every value of a grid in all {dependence[0].Rows:N0} rows and averages the model's {predictionName ?? "prediction"} (thick line); the thin lines follow single rows (ICE curves). A flat line means the model ignores the input; lines that cross mean it interacts with others.");
            section.Figures(dependence.Select(pd => (Plots.PartialDependence(pd, predictionName ?? "prediction"), pd.Columns[0])).ToArray());
        }
        foreach (var row in rows)
        {
            var section = report.Section($"Row {row.Row}: {row.Prediction}");
            section.Callout(Reasons(row, units));
            var top = row.Contributions.Take(12).Select(c => ($"{c.Column} = {c.Value ?? "(missing)"}", c.Shap)).ToArray();
            section.Figures((Plots.Importance(top, $"Contributions to {row.Explained}", units), $"From the average score {Number(row.BaseValue)} to this row's {Number(row.RawScore)}"));
            section.Table(["input", "value", "contribution"], row.Contributions.Select(c => (IReadOnlyList<string>)[c.Column, c.Value ?? "(missing)", Signed(c.Shap)]));
        }
        return report;
    }

    /// <summary>The beeswarm of the top 10 inputs and the dependence plots of the top 3, over at most 400 rows.</summary>
    private static void AddSummaryPlots(HtmlReport report, ShapValues global, Keel.Data.Table rows, string[] ranked, string units)
    {
        var shown = Math.Min(global.Rows, 400);
        (string, double[], double[]?) Column(string name)
        {
            var f = global.Features.ToList().IndexOf(name);
            var shap = Enumerable.Range(0, shown).Select(r => global[r, f]).ToArray();
            var values = rows[name] is Keel.Data.NumericColumn n ? Enumerable.Range(0, shown).Select(r => n.Values[r]).ToArray() : null;
            return (name, shap, values);
        }
        var section = report.Section("How each input pushes the predictions");
        section.Paragraph($"Each dot is one of {shown:N0} rows. Right of zero the input raised that row's score, left of zero it lowered it; red dots are rows with a high value of a numeric input, blue a low one.");
        var top = ranked.Take(10).Select(Column).ToArray();
        section.Figures((Plots.Beeswarm(top, units), "SHAP summary of the 10 inputs that matter most"));
        section.Figures(top.Take(3).Select(c => (Plots.Dependence(c.Item1, c.Item2, c.Item3,
            Enumerable.Range(0, shown).Select(r => rows[c.Item1].FormatValue(r)).ToArray(), units), $"{c.Item1}: value against its SHAP value")).ToArray());
    }

    /// <summary>"Most raised the score: Contract = Month-to-month (+0.62), tenure = 2 (+0.41). Most lowered it: ..."</summary>
    public static string Reasons(RowExplanation row, string units)
    {
        string List(IEnumerable<Contribution> items) => string.Join(", ", items.Select(c => $"{c.Column} = {c.Value ?? "(missing)"} ({Signed(c.Shap)})"));
        var up = row.Contributions.Where(c => c.Shap > 0).Take(3).ToArray();
        var down = row.Contributions.Where(c => c.Shap < 0).Take(3).ToArray();
        var parts = new List<string>();
        if (up.Length > 0) parts.Add($"Most raised the chance of {row.Explained}: {List(up)}.");
        if (down.Length > 0) parts.Add($"Most lowered it: {List(down)}.");
        if (parts.Count == 0) parts.Add("No input moved this prediction away from the average.");
        parts.Add($"Contributions are in {units}; they add up from the average score ({Number(row.BaseValue)}) to this row's ({Number(row.RawScore)}).");
        return string.Join(" ", parts);
    }

    private static string Overall((string Column, double Value)[] importance, int rows)
    {
        if (importance.Length == 0 || importance[0].Value == 0) return "No input changes the model's predictions.";
        var total = importance.Sum(p => p.Value);
        var top = importance.TakeWhile((p, i) => i < 3).ToArray();
        var share = top.Sum(p => p.Value) / total;
        return $"Across {rows:N0} rows, {string.Join(", ", top.Select(p => p.Column))} move the predictions most: together {share:P0} of all the movement the inputs cause.";
    }

    private static string Signed(double v) => (v >= 0 ? "+" : "\u2212") + Math.Abs(v).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Number(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}

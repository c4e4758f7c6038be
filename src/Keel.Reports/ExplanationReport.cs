using System.Globalization;
using Keel.Explain;

namespace Keel.Reports;

/// <summary>What an explanation report shows; everything but the overall SHAP values is optional.</summary>
public sealed record ExplanationContent
{
    /// <summary>The model, e.g. "churn v3".</summary>
    public required string Model { get; init; }

    /// <summary>The data explained, e.g. its file name.</summary>
    public required string Data { get; init; }

    /// <summary>SHAP values per input column over the rows of <see cref="GlobalRows"/>.</summary>
    public required ShapValues Global { get; init; }

    /// <summary>What the SHAP values are measured in: "log-odds", "probability", ...</summary>
    public required string Units { get; init; }

    /// <summary>The rows behind <see cref="Global"/>, for the beeswarm and dependence plots (colours by value).</summary>
    public Keel.Data.Table? GlobalRows { get; init; }

    /// <summary>Single rows explained by SHAP: a waterfall, the reasons and a table each.</summary>
    public IReadOnlyList<RowExplanation> Rows { get; init; } = [];

    /// <summary>Single rows explained by LIME: the surrogate's terms each.</summary>
    public IReadOnlyList<(int Row, LimeExplanation Lime)> Lime { get; init; } = [];

    /// <summary>Partial dependence on one column (with ICE curves) or two (a heat map).</summary>
    public IReadOnlyList<PartialDependenceResult> Dependence { get; init; } = [];

    /// <summary>What partial dependence averages, e.g. "P(Yes)".</summary>
    public string? PredictionName { get; init; }

    /// <summary>SHAP interaction values per column, for the pairs that act together.</summary>
    public ShapInteractions? Interactions { get; init; }
}

/// <summary>
/// The report of <c>keel explain</c>: which inputs matter most overall (mean |SHAP|), how each pushes the predictions,
/// which act together, how the prediction moves with one or two inputs, and for each chosen row what raised and
/// lowered its score, as a waterfall and as a plain-language list of reasons.
/// </summary>
public static class ExplanationReport
{
    public static HtmlReport Build(ExplanationContent content)
    {
        var (global, units) = (content.Global, content.Units);
        var report = new HtmlReport($"Why the model predicts what it does: {content.Model}", $"{content.Data} \u00b7 SHAP values in {units}");
        var importance = global.Features.Zip(global.MeanAbsolute()).OrderByDescending(p => p.Second).ToArray();
        var overall = report.Section("What matters overall");
        overall.Paragraph(Overall(importance, global.Rows));
        overall.Figures((Plots.Importance(importance.Take(15).Select(p => (p.First, p.Second)).ToArray(), "Mean |SHAP value| per input", units), $"Over {global.Rows:N0} rows"));
        if (content.GlobalRows is { } globalRows) AddSummaryPlots(report, global, globalRows, importance.Select(p => p.First).ToArray(), units);
        if (content.Interactions is { } interactions) AddInteractions(report, interactions, units);
        var oneColumn = content.Dependence.Where(d => d.Columns.Count == 1).ToArray();
        var prediction = content.PredictionName ?? "prediction";
        if (oneColumn.Length > 0)
        {
            var section = report.Section("How the prediction moves with one input");
            section.Paragraph($"Each chart sets one input to every value of a grid in all {oneColumn[0].Rows:N0} rows and averages the model's {prediction} (thick line); the thin lines follow single rows (ICE curves). A flat line means the model ignores the input; lines that cross mean it interacts with others.");
            section.Figures(oneColumn.Select(pd => (Plots.PartialDependence(pd, prediction), pd.Columns[0])).ToArray());
        }
        var twoColumns = content.Dependence.Where(d => d.Columns.Count == 2).ToArray();
        if (twoColumns.Length > 0)
        {
            var section = report.Section("How the prediction moves with two inputs together");
            section.Paragraph($"Each map sets two inputs to every pair of grid values in all {twoColumns[0].Rows:N0} rows and colours the average {prediction}. Bands parallel to an axis mean the inputs act separately; a pattern that bends means they act together.");
            section.Figures(twoColumns.Select(pd => (Plots.PartialDependence2D(pd, prediction), $"{pd.Columns[0]} \u00d7 {pd.Columns[1]}")).ToArray());
        }
        foreach (var row in content.Rows)
        {
            var section = report.Section($"Row {row.Row}: {row.Prediction}");
            section.Callout(Reasons(row, units));
            section.Figures((Plots.Waterfall(row.BaseValue, row.Contributions.Select(c => ($"{c.Column} = {c.Value ?? "(missing)"}", c.Shap)).ToArray(), $"score ({units})"),
                $"From the average score {Number(row.BaseValue)} to this row's {Number(row.RawScore)}"));
            section.Table(["input", "value", "contribution"], row.Contributions.Select(c => (IReadOnlyList<string>)[c.Column, c.Value ?? "(missing)", Signed(c.Shap)]));
        }
        foreach (var (row, lime) in content.Lime)
        {
            var section = report.Section($"Row {row}: a local surrogate (LIME)");
            section.Callout(LimeSummary(lime, prediction));
            section.Figures((Plots.Importance(lime.Terms.Take(12).Select(t => (t.Condition, t.Weight)).ToArray(), "Weights of the local linear surrogate", prediction),
                string.Create(CultureInfo.InvariantCulture, $"Surrogate {lime.LocalPrediction:0.###} for the model's {lime.ModelPrediction:0.###}; weighted R\u00b2 {lime.Score:0.##}")));
            section.Table(["condition", "weight"], lime.Terms.Select(t => (IReadOnlyList<string>)[t.Condition, Signed(t.Weight)]));
        }
        return report;
    }

    /// <summary>"Near this row, the model behaves like ...: age > 47 raises it most (+0.12) ..."</summary>
    public static string LimeSummary(LimeExplanation lime, string prediction)
    {
        var up = lime.Terms.Where(t => t.Weight > 0).Take(3).Select(t => $"{t.Condition} ({Signed(t.Weight)})").ToArray();
        var down = lime.Terms.Where(t => t.Weight < 0).Take(3).Select(t => $"{t.Condition} ({Signed(t.Weight)})").ToArray();
        var parts = new List<string> { $"Near this row, a simple linear model imitates the model's {prediction}." };
        if (up.Length > 0) parts.Add($"What raises it: {string.Join(", ", up)}.");
        if (down.Length > 0) parts.Add($"What lowers it: {string.Join(", ", down)}.");
        parts.Add(lime.Score >= 0.5
            ? string.Create(CultureInfo.InvariantCulture, $"The imitation is fair (weighted R\u00b2 {lime.Score:0.##}).")
            : string.Create(CultureInfo.InvariantCulture, $"The imitation is rough (weighted R\u00b2 {lime.Score:0.##}): trust the SHAP values over it."));
        return string.Join(" ", parts);
    }

    /// <summary>The strongest pairs of inputs by mean |interaction|.</summary>
    private static void AddInteractions(HtmlReport report, ShapInteractions interactions, string units)
    {
        var pairs = interactions.StrongestPairs(12);
        var section = report.Section("Which inputs act together");
        if (pairs.Count == 0)
        {
            section.Paragraph("No two inputs act together: each input's effect is the same whatever the others are.");
            return;
        }
        var (first, second, strength) = pairs[0];
        section.Paragraph($"Over {interactions.Rows:N0} rows, {first} and {second} act together most: their joint effect beyond their separate effects moves the score by {Number(strength)} {units} on average. SHAP interaction values split each prediction's contribution into each input alone and each pair.");
        section.Figures((Plots.Importance(pairs.Select(p => ($"{p.First} \u00d7 {p.Second}", p.MeanAbsolute)).ToArray(), "Mean |interaction| per pair", units), "The strongest pairs"));
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
        if (row.Explained == RowExplanation.PathLength)
        {
            // A shorter path is a more anomalous row: negative contributions are what make it stand out.
            if (down.Length > 0) parts.Add($"Most made it look anomalous (a shorter isolation path): {List(down)}.");
            if (up.Length > 0) parts.Add($"Most made it look ordinary: {List(up)}.");
        }
        else if (up.Length > 0) parts.Add($"Most raised the chance of {row.Explained}: {List(up)}.");
        if (row.Explained != RowExplanation.PathLength && down.Length > 0) parts.Add($"Most lowered it: {List(down)}.");
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

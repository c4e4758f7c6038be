using System.Globalization;
using Keel.Fairness.Cards;

namespace Keel.Reports;

/// <summary>
/// A model card as a web page, in the Model Card Toolkit's order: model details, parameters, quantitative analysis
/// (overall metrics with intervals, then every slice and the disparity measures), considerations. What the owner has
/// not written is said at the top rather than left blank.
/// </summary>
public static class ModelCardReport
{
    public static HtmlReport Build(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var d = card.ModelDetails;
        var report = new HtmlReport($"Model card: {d.Name}", $"version {d.Version.Name}{(d.Version.Date is { } date ? $" \u00b7 {date}" : "")}");

        var summary = report.Section("In short");
        if (d.Overview is { } overview) summary.Callout(overview);
        if (Headline(card) is { } headline) summary.Paragraph(headline);
        foreach (var warning in card.Warnings) summary.Note(warning);

        var details = report.Section("Model details");
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "Owners", d.Owners.Count == 0 ? "not written" : string.Join("; ", d.Owners.Select(o => o.Contact is { } c ? $"{o.Name} ({c})" : o.Name)) },
            new[] { "Version", d.Version.Diff is { } diff ? $"{d.Version.Name} ({diff})" : d.Version.Name },
        };
        if (d.Path is { } path) rows.Add(["Where", path]);
        if (d.Documentation is { } doc) rows.Add(["Documentation", doc]);
        if (d.Licenses.Count > 0) rows.Add(["Licences", string.Join("; ", d.Licenses.Select(l => l.Identifier ?? l.CustomText ?? ""))]);
        if (d.References.Count > 0) rows.Add(["References", string.Join("; ", d.References.Select(r => r.Reference))]);
        if (d.Citations.Count > 0) rows.Add(["Citations", string.Join("; ", d.Citations.Select(c => c.Citation))]);
        details.Table(["", ""], rows);

        var p = card.ModelParameters;
        var parameters = report.Section("Model parameters");
        parameters.Table(["", ""],
        [
            ["Architecture", p.ModelArchitecture],
            ["Inputs", p.InputFormat],
            ["Output", p.OutputFormat],
        ]);
        parameters.Subheading("Data");
        parameters.Table(["data set", "rows", "sensitive columns", "about"], p.Data.Select(x => (IReadOnlyList<string>)
        [
            x.Name, x.Rows?.ToString("N0", CultureInfo.InvariantCulture) ?? "", x.Sensitive is { } s ? string.Join(", ", s.SensitiveData) : "", x.Description ?? "",
        ]));

        var q = card.QuantitativeAnalysis;
        var analysis = report.Section("Quantitative analysis");
        var overall = q.PerformanceMetrics.Where(m => m.Slice.Length == 0).ToList();
        if (overall.Count > 0) analysis.Subheading("Overall").Table(["metric", "value", "95 % interval"], overall.Select(Row));
        var slices = q.PerformanceMetrics.Where(m => m.Slice.Contains('=', StringComparison.Ordinal)).ToList();
        if (slices.Count > 0)
        {
            var types = slices.Select(m => m.Type).Distinct().ToList();
            analysis.Subheading("By group").Table(["group", .. types], slices.GroupBy(m => m.Slice).Select(g => (IReadOnlyList<string>)
                [g.Key, .. types.Select(t => g.FirstOrDefault(m => m.Type == t) is { } m ? Cell(m) : "")]));
        }
        var disparities = q.PerformanceMetrics.Where(m => m.Slice.Length > 0 && !m.Slice.Contains('=', StringComparison.Ordinal)).ToList();
        if (disparities.Count > 0)
            analysis.Subheading("Differences between groups").Table(["sensitive column", "measure", "value", "95 % interval"],
                disparities.Select(m => (IReadOnlyList<string>)[m.Slice, m.Type, .. Row(m).Skip(1)]));
        if (q.Graphics is { } graphics)
        {
            if (graphics.Description is { } description) analysis.Paragraph(description);
            if (graphics.Collection.Count > 0)
                analysis.Figures(graphics.Collection.Select(g => ($"<img src=\"{HtmlReport.Encode(g.Image)}\" alt=\"{HtmlReport.Encode(g.Name)}\">", g.Name)).ToArray());
        }

        var c = card.Considerations;
        var considerations = report.Section("Considerations");
        List("Intended users", c.Users.Select(x => x.Description));
        List("Use cases", c.UseCases.Select(x => x.Description));
        List("Limitations", c.Limitations.Select(x => x.Description));
        List("Trade-offs", c.Tradeoffs.Select(x => x.Description));
        considerations.Subheading("Ethical considerations");
        if (c.EthicalConsiderations.Count == 0) considerations.Note("Not written by the owner.");
        else considerations.Table(["risk", "mitigation"], c.EthicalConsiderations.Select(r => (IReadOnlyList<string>)[r.Name, r.MitigationStrategy ?? "none stated"]));
        return report;

        void List(string heading, IEnumerable<string> items)
        {
            considerations.Subheading(heading);
            var list = items.ToList();
            if (list.Count == 0) considerations.Note("Not written by the owner.");
            foreach (var item in list) considerations.Paragraph(item);
        }
    }

    /// <summary>
    /// A sentence on the largest gap in selection rates across one sensitive column, between groups large enough to
    /// judge (30 rows or more), when the card has one.
    /// </summary>
    private static string? Headline(ModelCard card)
    {
        var metrics = card.QuantitativeAnalysis.PerformanceMetrics;
        var counts = metrics.Where(m => m.Type == "count").ToDictionary(m => m.Slice, m => m.Value ?? 0);
        var gaps = metrics.Where(m => m.Type == "demographic_parity_difference" && m.Value is not null && !m.Slice.Contains(" × ", StringComparison.Ordinal))
            .OrderByDescending(m => m.Value).ToList();
        foreach (var gap in gaps)
        {
            var rates = metrics.Where(m => m.Type == "selection_rate" && m.Value is not null && m.Slice.StartsWith(gap.Slice + "=", StringComparison.Ordinal)
                                           && counts.GetValueOrDefault(m.Slice) >= 30).ToList();
            if (rates.Count < 2) continue;
            var hi = rates.MaxBy(m => m.Value!.Value)!;
            var lo = rates.MinBy(m => m.Value!.Value)!;
            return string.Create(CultureInfo.InvariantCulture,
                $"The model says yes to {hi.Value:P0} of {hi.Slice[(gap.Slice.Length + 1)..]} and {lo.Value:P0} of {lo.Slice[(gap.Slice.Length + 1)..]} ('{gap.Slice}'): the largest gap between groups of 30 or more, {hi.Value - lo.Value:0.000}.");
        }
        return null;
    }

    private static IReadOnlyList<string> Row(PerformanceMetric m) =>
    [
        m.Type,
        m.Value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : m.Note ?? "undefined",
        m.ConfidenceInterval is { } ci ? string.Create(CultureInfo.InvariantCulture, $"{ci.LowerBound:0.0000} – {ci.UpperBound:0.0000}") : "",
    ];

    private static string Cell(PerformanceMetric m) =>
        m.Value is not { } v ? "undefined"
        : m.Type == "count" ? v.ToString("N0", CultureInfo.InvariantCulture)
        : m.ConfidenceInterval is { } ci ? string.Create(CultureInfo.InvariantCulture, $"{v:0.000} ({ci.LowerBound:0.000}–{ci.UpperBound:0.000})")
        : v.ToString("0.000", CultureInfo.InvariantCulture);
}

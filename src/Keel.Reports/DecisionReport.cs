using System.Globalization;
using Keel.Learn.Decisions;

namespace Keel.Reports;

/// <summary>
/// The business KPI of a binary classifier in words a manager follows: what the chosen threshold is worth per decision
/// against acting on no one, on everyone and at the usual 0.5, on the held-out rows and on the rows it was chosen on.
/// </summary>
public static class DecisionReport
{
    /// <summary>Adds the KPI section: sentences, the value curve against the threshold, and the alternatives.</summary>
    public static void Add(HtmlReport report, ThresholdChoice? choice, DecisionEvaluation? heldOut)
    {
        var value = choice?.Value ?? heldOut?.Value;
        if (value is null) return;
        var section = report.Section($"Business value: {value.Name}");
        foreach (var sentence in Summary(choice, heldOut)) section.Callout(sentence);
        section.Table(["outcome", "what it means", "value per decision"],
        [
            ["true positive", "acted on, and it was positive", value.Format(value.TruePositive)],
            ["false positive", "acted on, but it was negative", value.Format(value.FalsePositive)],
            ["false negative", "not acted on, but it was positive", value.Format(value.FalseNegative)],
            ["true negative", "not acted on, and it was negative", value.Format(value.TrueNegative)],
        ]);
        if (value.Description is { Length: > 0 } description) section.Note(description);
        var rows = new List<IReadOnlyList<string>>();
        if (heldOut is not null)
            foreach (var (name, point) in Alternatives(heldOut.AtThreshold, heldOut.AtDefault, heldOut.Everyone, heldOut.NoOne))
                rows.Add(["held-out rows", name, Threshold(point.Threshold), value.Format(point.Total, "#,0"), value.Format(point.PerThousand, "#,0")]);
        if (choice is not null)
            foreach (var (name, point) in Alternatives(choice.Chosen, choice.AtDefault, choice.Everyone, choice.NoOne))
                rows.Add(["validation (out-of-fold)", name, Threshold(point.Threshold), value.Format(point.Total, "#,0"), value.Format(point.PerThousand, "#,0")]);
        section.Table(["rows", "decision", "threshold", "total", "per 1,000 decisions"], rows);
        if (choice is not null)
        {
            section.Figures((Plots.DecisionValue(choice),
                "The value per decision for every threshold: the model acts on the rows whose predicted probability is at least the threshold. The red dot is the chosen threshold."));
            section.Note($"The threshold was chosen on the {choice.Validation}.");
        }
    }

    /// <summary>
    /// "At the chosen threshold 0.23 the model is expected to bring 12.3 EUR per decision more than acting on no one …",
    /// measured on the held-out rows when there are any, else on the validation rows the threshold was chosen on.
    /// </summary>
    public static IReadOnlyList<string> Summary(ThresholdChoice? choice, DecisionEvaluation? heldOut)
    {
        var sentences = new List<string>();
        var value = choice?.Value ?? heldOut?.Value;
        if (value is null) return sentences;
        var (at, usual, everyone, none, rows, where) = heldOut is not null
            ? (heldOut.AtThreshold, heldOut.AtDefault, heldOut.Everyone, heldOut.NoOne, heldOut.Rows, "held-out rows the model never saw")
            : (choice!.Chosen, choice.AtDefault, choice.Everyone, choice.NoOne, choice.Rows, "validation rows");
        var threshold = Threshold(at.Threshold);
        if (double.IsPositiveInfinity(at.Threshold))
            sentences.Add($"No threshold makes acting on the model's predictions worth more than acting on no one, so the model is set to act on no one; check the values in the KPI.");
        else
        {
            var gain = at.PerDecision - none.PerDecision;
            sentences.Add(Invariant($"The model acts when its predicted probability is at least {threshold}. On {rows:N0} {where}, that is expected to {(gain >= 0 ? "bring" : "cost")} {value.Format(Math.Abs(gain))} per decision ({value.Format(Math.Abs(gain) * 1000, "#,0")} per 1,000) {(gain >= 0 ? "more" : "less")} than acting on no one, and {Compare(at.PerDecision - everyone.PerDecision, value)} than acting on everyone."));
            var overUsual = at.PerDecision - usual.PerDecision;
            sentences.Add(Math.Abs(overUsual) < 1e-12
                ? $"The usual threshold 0.5 would have done as well here."
                : Invariant($"Compared with the usual threshold 0.5, the chosen threshold is worth {Compare(overUsual, value)} per decision ({value.Format(overUsual * 1000, "+#,0;-#,0")} per 1,000 decisions)."));
        }
        sentences.Add(Invariant($"In total: {value.Format(at.Total, "#,0")} over these {rows:N0} decisions ({value.Format(at.PerThousand, "#,0")} per 1,000)."));
        return sentences;
    }

    private static string Compare(double difference, DecisionValue value) =>
        difference >= 0 ? $"{value.Format(difference)} more" : $"{value.Format(-difference)} less";

    private static IEnumerable<(string, ValuePoint)> Alternatives(ValuePoint chosen, ValuePoint usual, ValuePoint everyone, ValuePoint none) =>
        [("the model at its threshold", chosen), ("the model at 0.5", usual), ("act on everyone", everyone), ("act on no one", none)];

    private static string Threshold(double t) => double.IsPositiveInfinity(t) ? "never" : double.IsNegativeInfinity(t) ? "always" : t.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

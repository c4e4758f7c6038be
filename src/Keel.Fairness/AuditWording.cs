using System.Globalization;
using Keel.Fairness.Metrics;

namespace Keel.Fairness;

/// <summary>The findings of an audit in plain sentences, for the command line, reports and model cards.</summary>
internal static class AuditWording
{
    public static IReadOnlyList<string> Summary(FairnessAuditResult audit)
    {
        var sentences = new List<string>();
        var outcome = $"'{audit.PositiveClass}'";
        foreach (var a in audit.Analyses)
        {
            var frame = a.Frame;
            if (frame.ByGroup.Count < 2)
            {
                sentences.Add($"Every assessed row has the same {a.Name} ('{frame.ByGroup[0].Name}'), so there is nothing to compare.");
                continue;
            }
            sentences.Add(Selection(a, outcome));
            if (a.Intersectional)
            {
                var small = frame.ByGroup.Count(g => g.SmallGroupWarning is not null);
                if (small > 0) sentences.Add($"{small} of the {frame.ByGroup.Count} {a.Name} groups are too small to judge on their own (see the warnings).");
                continue;
            }
            if (Rates(a, outcome) is { } rates) sentences.Add(rates);
            if (Labels(a, outcome) is { } labels) sentences.Add(labels);
        }
        var overallSmall = audit.Analyses.Where(a => !a.Intersectional).Sum(a => a.Frame.ByGroup.Count(g => g.SmallGroupWarning is not null));
        if (overallSmall > 0)
            sentences.Add($"{overallSmall} group{(overallSmall == 1 ? " is" : "s are")} too small to judge; their rates and the gaps they set are uncertain (see the intervals and warnings).");
        return sentences;
    }

    private static string Selection(SensitiveAnalysis a, string outcome)
    {
        var di = a.DisparateImpact;
        var groups = a.Frame.ByGroup.OrderByDescending(g => Rate(g, "selection_rate")).ToArray();
        var high = groups[0];
        var low = groups[^1];
        var pair = groups.Length == 2
            ? $"{Percent(Rate(high, "selection_rate"))} of {high.Name} and {Percent(Rate(low, "selection_rate"))} of {low.Name} rows"
            : $"{Percent(Rate(high, "selection_rate"))} of {high.Name} rows (the most) and {Percent(Rate(low, "selection_rate"))} of {low.Name} rows (the fewest)";
        var sentence = $"By {a.Name}, the model predicts {outcome} for {pair}";
        if (!di.Ratio.IsDefined) return sentence + $"; the disparate impact ratio is undefined: {di.Ratio.UndefinedReason}.";
        var ratio = Number(di.Ratio.Value!.Value);
        var reference = di.ReferenceIsPrivileged ? $" against the privileged group {di.Reference}" : "";
        var verdict = di.Ratio.Value < di.Threshold / 1.6
            ? $"is far below the four-fifths rule of thumb ({Number(di.Threshold)}): a reason to look closer, not a verdict"
            : di.Ratio.Value < di.Threshold
                ? $"is below the four-fifths rule of thumb ({Number(di.Threshold)}): a reason to look closer, not a verdict"
                : $"meets the four-fifths rule of thumb ({Number(di.Threshold)}), which alone does not show the model is fair";
        var which = di.ReferenceIsPrivileged || groups.Length > 2 ? $"the lowest ratio{reference}, {ratio} ({di.WorstGroup})," : $"that ratio, {ratio},";
        return $"{sentence}; {which} {verdict}.";
    }

    private static string? Rates(SensitiveAnalysis a, string outcome)
    {
        var frame = a.Frame;
        if (!frame.Metrics.Contains("true_positive_rate")) return null;
        var eo = a.EqualizedOddsDifference;
        var tpr = Range(frame, "true_positive_rate");
        var fpr = Range(frame, "false_positive_rate");
        if (tpr is null || fpr is null || !eo.IsDefined)
            return $"The equalized odds difference by {a.Name} is undefined: {eo.UndefinedReason ?? "too few groups have both classes"}.";
        return $"Of the rows truly {outcome}, the model finds between {tpr} (true positive rates); of the others, it wrongly predicts {outcome} for between {fpr} (false positive rates): an equalized odds difference of {Number(eo.Value!.Value)}.";
    }

    private static string? Labels(SensitiveAnalysis a, string outcome)
    {
        if (!a.Frame.Metrics.Contains("base_rate")) return null;
        var groups = a.Frame.ByGroup.OrderByDescending(g => Rate(g, "base_rate")).ToArray();
        return $"In the labels themselves, before any model, {Percent(Rate(groups[0], "base_rate"))} of {groups[0].Name} rows and {Percent(Rate(groups[^1], "base_rate"))} of {groups[^1].Name} rows are {outcome}.";
    }

    /// <summary>"45 % (Female) and 63 % (Male)": the lowest and highest over the groups where the rate is defined; null with fewer than two.</summary>
    private static string? Range(MetricFrame frame, string metric)
    {
        var defined = frame.ByGroup.Where(g => g[metric].IsDefined).OrderBy(g => g[metric].Value).ToArray();
        if (defined.Length < 2) return null;
        return $"{Percent(defined[0][metric].Value!.Value)} ({defined[0].Name}) and {Percent(defined[^1][metric].Value!.Value)} ({defined[^1].Name})";
    }

    private static double Rate(GroupResult g, string metric) => g[metric].Value ?? double.NaN;

    public static string Percent(double share)
    {
        var p = share * 100;
        var text = p > 0 && p < 1 ? p.ToString("0.0", CultureInfo.InvariantCulture) : p.ToString("0", CultureInfo.InvariantCulture);
        return text + " %";
    }

    public static string Number(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}

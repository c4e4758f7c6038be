using System.Globalization;
using Keel.Learn.Evaluation;
using Keel.Store;
using Keel.Tuning.Studies;

namespace Keel.Reports;

/// <summary>
/// The report of a hyper-parameter search: a plain-language summary (how many trials, what tuning gained over the
/// defaults in cross-validation and on held-out rows), the leaderboard of every trial (and ensemble), the
/// optimization history, which parameters mattered, and the chosen model's held-out evaluation with intervals.
/// One self-contained HTML page, like every Keel report.
/// </summary>
public static class TuningReport
{
    /// <summary>The leaderboard shows this many rows; the rest are counted in a note.</summary>
    public const int LeaderboardRows = 50;

    public static HtmlReport Build(TuningReportInput input)
    {
        if (input.Studies.Count == 0 && input.ExtraRows.Count == 0)
            throw new ArgumentException("A tuning report needs at least one study or leaderboard entry.", nameof(input));
        var report = new HtmlReport(input.Title, input.Subtitle);
        AddSummary(report, input);
        AddLeaderboard(report, input);
        AddHistory(report, input);
        AddImportance(report, input);
        if (input.FinalEvaluation is { } evaluation)
            TrainingReport.AddPerformance(report, evaluation, $"How well the chosen model works on held-out data{(input.FinalName is { } n ? $" ({n})" : "")}");
        return report;
    }

    private static string Metric(TuningReportInput input) => TrainingReport.Label(input.Metric);

    private static FrozenTrial? Best(TunedStudy study, bool higherIsBetter) =>
        study.Trials.Where(t => t.State == TrialState.Complete && t.Value is not null)
            .OrderBy(t => higherIsBetter ? -t.Value!.Value : t.Value!.Value).ThenBy(t => t.Number).FirstOrDefault();

    private static void AddSummary(HtmlReport report, TuningReportInput input)
    {
        var section = report.Section("In plain words");
        var metric = Metric(input);
        var trials = input.Studies.SelectMany(s => s.Trials).ToList();
        var pruned = trials.Count(t => t.State == TrialState.Pruned);
        var failed = trials.Count(t => t.State == TrialState.Failed);
        var trainers = input.Studies.Count == 1
            ? input.Studies[0].Trainer
            : $"{input.Studies.Count} trainers ({string.Join(", ", input.Studies.Select(s => $"{s.Trainer} {s.Trials.Count}"))})";
        var how = input.Folds > 0 ? $"{input.Folds}-fold cross-validation on the training rows" : "cross-validation on the training rows";
        var stopped = new List<string>();
        if (pruned > 0) stopped.Add($"{pruned} stopped early because {(pruned == 1 ? "it was" : "they were")} clearly behind");
        if (failed > 0) stopped.Add($"{failed} failed");
        section.Callout($"Keel tried {trials.Count} settings of {trainers}, scoring each by {how}{(stopped.Count > 0 ? $"; {string.Join(" and ", stopped)}" : "")}.");

        foreach (var study in input.Studies)
        {
            if (Best(study, input.HigherIsBetter) is not { } best) continue;
            var defaults = study.DefaultsTrial is { } d ? study.Trials.FirstOrDefault(t => t.Number == d && t.State == TrialState.Complete) : null;
            var prefix = input.Studies.Count == 1 ? "The best" : $"The best {study.Trainer}";
            section.Callout(defaults is null || defaults.Number == best.Number
                ? defaults is null
                    ? $"{prefix} (trial {best.Number}) scored {metric} {F(best.Value!.Value)}."
                    : $"{prefix} was the trainer's default setting (trial {best.Number}), {metric} {F(best.Value!.Value)}: no trial beat it."
                : $"{prefix} (trial {best.Number}) scored {metric} {F(best.Value!.Value)}, against {F(defaults.Value!.Value)} with {study.Trainer}'s default settings ({Change(best.Value!.Value, defaults.Value!.Value, input.HigherIsBetter)}).");
        }
        foreach (var entry in input.ExtraRows) section.Paragraph($"{entry.Name} scored {metric} {F(entry.Score)} in the same cross-validation.");

        if (input.FinalEvaluation is { } final)
        {
            var measured = final.Metrics.FirstOrDefault(m => m.Name == input.Metric);
            var name = input.FinalName is { } n ? $"the chosen model ({n})" : "the chosen model";
            if (measured is not null)
            {
                var interval = measured.Lower is { } lo && measured.Upper is { } hi ? $" (95 % interval {F(lo)} – {F(hi)})" : "";
                var sentence = $"On {final.Rows:N0} held-out rows that no trial saw, {name} scores {metric} {F(measured.Value)}{interval}";
                if (input.Baseline?.Evaluation.Metrics.FirstOrDefault(m => m.Name == input.Metric) is { } baseline)
                {
                    sentence += $", against {F(baseline.Value)} for {input.Baseline.Name} ({Change(measured.Value, baseline.Value, input.HigherIsBetter)}).";
                    if (measured.Lower is { } l && measured.Upper is { } h && baseline.Value >= l && baseline.Value <= h)
                        sentence += " The difference lies within the uncertainty of the held-out measurement.";
                }
                else sentence += ".";
                section.Callout(sentence);
            }
            foreach (var line in PlainLanguage.Summarize(final, input.PositiveClass, input.Wording)) section.Paragraph(line);
            section.Note("Cross-validation scores chose the settings; the held-out rows were kept apart for this final, honest measurement.");
        }
    }

    /// <summary>"0.0222 better" or "0.0100 worse", in the metric's own direction.</summary>
    private static string Change(double value, double reference, bool higherIsBetter)
    {
        var gain = higherIsBetter ? value - reference : reference - value;
        return gain == 0 ? "the same" : $"{F(Math.Abs(gain))} {(gain > 0 ? "better" : "worse")}";
    }

    private sealed record Row(string Trial, string Trainer, string Parameters, double? Score, string State, TimeSpan? Duration, int Order);

    private static void AddLeaderboard(HtmlReport report, TuningReportInput input)
    {
        var section = report.Section("Leaderboard");
        var sign = input.HigherIsBetter ? -1 : 1;
        var rows = input.Studies.SelectMany(s => s.Trials.Select(t => new Row(
                input.Studies.Count == 1 ? $"trial {t.Number}" : $"{s.Name} #{t.Number}",
                s.Trainer,
                string.Join(", ", t.Params.Select(p => $"{p.Key}={p.Value}"))
                    + (s.DefaultsTrial == t.Number ? " (defaults)" : ""),
                t.Value,
                t.State.ToString().ToLowerInvariant() + (t.State == TrialState.Pruned && t.LastStep is { } step ? $" after step {step}" : ""),
                t.Duration,
                t.State switch { TrialState.Complete => 0, TrialState.Pruned => 1, TrialState.Failed => 3, _ => 2 })))
            .Concat(input.ExtraRows.Select(e => new Row(e.Name, e.Kind, e.Note ?? "", e.Score, "complete", null, 0)))
            .OrderBy(r => r.Order).ThenBy(r => r.Score is { } v ? sign * v : double.PositiveInfinity).ToList();
        var rank = 0;
        var table = rows.Take(LeaderboardRows).Select(r => (IReadOnlyList<string>)
        [
            r.Order == 0 ? (++rank).ToString(CultureInfo.InvariantCulture) : "–",
            r.Trial, r.Trainer, r.Parameters,
            r.Score is { } v ? F(v) : "–",
            r.State,
            r.Duration is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0.0} s") : "",
        ]).ToList();
        section.Paragraph($"Every trial, best {Metric(input)} first{(input.Folds > 0 ? $" (mean over {input.Folds} folds)" : "")}. A pruned trial's score is its mean over the folds it finished.");
        section.Table(["rank", "trial", "trainer", "parameters", $"CV {Metric(input)}", "state", "time"], table);
        if (rows.Count > LeaderboardRows) section.Note($"And {rows.Count - LeaderboardRows} more trials, all behind these.");
    }

    private static void AddHistory(HtmlReport report, TuningReportInput input)
    {
        var studies = input.Studies.Where(s => s.Trials.Any(t => t.Value is not null)).ToList();
        if (studies.Count == 0) return;
        var section = report.Section("How the search went");
        section.Figures(studies.Select(s => (Plots.OptimizationHistory(input.Studies.Count == 1 ? "Optimization history" : s.Trainer, s.Trials, input.HigherIsBetter, $"CV {Metric(input)}"),
            $"Each dot is a finished trial of {s.Name}; the red line is the best score so far; grey crosses are trials stopped early.")).ToArray());
    }

    private static void AddImportance(HtmlReport report, TuningReportInput input)
    {
        var studies = input.Studies.Where(s => s.Importance is not null).ToList();
        if (studies.Count == 0) return;
        var section = report.Section("Which settings mattered");
        var figures = new List<(string, string)>();
        foreach (var study in studies)
        {
            var importance = study.Importance!;
            if (importance.Parameters.Count == 0)
            {
                section.Note($"{study.Trainer}: {importance.Reason}");
                continue;
            }
            var top = importance.Parameters[0];
            section.Callout($"{(studies.Count > 1 ? $"For {study.Trainer}, " : "")}{top.Name} explains {Percent(top.Importance)} of how the score varied across the {importance.Trials} complete trials{(importance.Parameters.Count > 1 ? $"; {importance.Parameters[1].Name} {Percent(importance.Parameters[1].Importance)}" : "")}.");
            figures.Add((Plots.Importance(importance.Parameters.Select(p => (p.Name, p.Importance)).ToArray(), studies.Count > 1 ? study.Trainer : "Parameter importance", "share of the explained variation"),
                "fANOVA (Hutter et al. 2014): how much of the score's variation across trials each setting explains on its own; the shares sum to 1."));
            if (importance.Conditional.Count > 0)
                section.Note($"Not assessed, because only some trials have them: {string.Join(", ", importance.Conditional)}.");
            if (importance.Reason is not null) section.Note(importance.Reason);
        }
        if (figures.Count > 0) section.Figures(figures.ToArray());
        section.Note("Importance is measured over the trials the search ran; with few trials, or a sampler that kept to one region, it is a rough guide.");
    }

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    private static string F(double v) => TrainingReport.F(v);
}

using System.Globalization;
using Keel.Learn.Evaluation;
using Keel.Reports;
using Keel.Tuning.AutoMl;
using Keel.Tuning.Importance;

namespace Keel.Cli.Commands;

/// <summary>
/// The report of an AutoML run: the tuning report over every trainer's study, with the ensembles as further
/// leaderboard rows, the chosen model's held-out evaluation, and the best trainer's defaults on the same rows.
/// </summary>
internal static class AutoMlReport
{
    public static string Build(AutoMlOutcome outcome, string label)
    {
        var manifest = outcome.Bundle.Manifest;
        var input = new TuningReportInput
        {
            Title = $"AutoML for {label}",
            Subtitle = string.Create(CultureInfo.InvariantCulture,
                $"{outcome.Studies.Sum(s => s.Trials.Count)} trials of {outcome.Studies.Count} trainers and {outcome.Leaderboard.Count(e => e.Kind == "ensemble")} ensembles in {outcome.Elapsed.TotalMinutes:0.#} min; chosen: {outcome.Chosen.Name}."),
            Metric = outcome.Metric,
            HigherIsBetter = MetricNames.HigherIsBetter(outcome.Metric),
            Folds = int.Parse(manifest.Parameters["folds"], CultureInfo.InvariantCulture),
            Studies = outcome.Studies.Select((s, i) => new TunedStudy(s.Name, outcome.Trainers[i].Trainer, s.Trials, FanovaImportance.Evaluate(s.Trials)) { DefaultsTrial = 0 }).ToArray(),
            ExtraRows = outcome.Leaderboard.Where(e => e.Kind == "ensemble")
                .Select(e => new TuningLeaderboardRow(e.Name, e.OutOfFold,
                    string.Create(CultureInfo.InvariantCulture, $"{e.Parameters["members"]}; out-of-fold score (pooled), held-out {e.HeldOut:0.0000}{(e.Chosen ? "; chosen" : "")}")))
                .ToArray(),
            FinalName = outcome.Chosen.Name,
            FinalEvaluation = outcome.Bundle.Evaluation,
            PositiveClass = manifest.PositiveClass,
            Baseline = outcome.Baseline is { } b ? new HeldOutBaseline(b.Name, b.Evaluation) : null,
        };
        return TuningReport.Build(input).Render();
    }
}

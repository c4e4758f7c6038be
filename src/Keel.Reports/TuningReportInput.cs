using Keel.Learn.Evaluation;

namespace Keel.Reports;

/// <summary>
/// What a <see cref="TuningReport"/> shows: one or more tuned studies (one per trainer), optional further
/// leaderboard entries (ensembles built from the studies' best models), and the chosen model's held-out
/// evaluation, with the trainer's defaults scored on the same rows to say what tuning gained. <c>keel tune</c> fills
/// it from one study; a search over several trainers fills one <see cref="TunedStudy"/> per trainer.
/// </summary>
/// <example>
/// <code>
/// var input = new TuningReportInput
/// {
///     Title = "Tuning LightGBM for Churn", Metric = "roc_auc", HigherIsBetter = true, Folds = 5,
///     Studies = [new TunedStudy(study.Name, "lightgbm", study.Trials, FanovaImportance.Evaluate(study.Trials)) { DefaultsTrial = 0 }],
///     FinalName = "lightgbm, trial 12", FinalEvaluation = bundle.Evaluation, PositiveClass = "Yes",
///     Baseline = new HeldOutBaseline("lightgbm with its defaults", defaultsEvaluation),
/// };
/// File.WriteAllText("tuning.html", TuningReport.Build(input).Render());
/// </code>
/// </example>
public sealed record TuningReportInput
{
    /// <summary>The report's title.</summary>
    public required string Title { get; init; }

    /// <summary>A line under the title (data, label, when). The default value is null: none.</summary>
    public string? Subtitle { get; init; }

    /// <summary>The cross-validated metric the studies optimized, by its Keel name (e.g. "roc_auc").</summary>
    public required string Metric { get; init; }

    /// <summary>Whether a larger <see cref="Metric"/> is better.</summary>
    public required bool HigherIsBetter { get; init; }

    /// <summary>The cross-validation folds of every trial. The default value is 0: not stated.</summary>
    public int Folds { get; init; }

    /// <summary>The tuned studies, one per trainer.</summary>
    public required IReadOnlyList<TunedStudy> Studies { get; init; }

    /// <summary>Further leaderboard rows scored by the same cross-validation, e.g. ensembles. The default value is empty.</summary>
    public IReadOnlyList<TuningLeaderboardRow> ExtraRows { get; init; } = [];

    /// <summary>What the chosen model is, in words ("lightgbm, trial 12", "stacked ensemble"). The default value is null.</summary>
    public string? FinalName { get; init; }

    /// <summary>The chosen model's evaluation on held-out rows (a bundle's <c>Evaluation</c>). The default value is null: none shown.</summary>
    public EvaluationResult? FinalEvaluation { get; init; }

    /// <summary>The positive class of a binary task, for the plain-language summary. The default value is null: the last class.</summary>
    public string? PositiveClass { get; init; }

    /// <summary>A reference model (the trainer's defaults) evaluated on the same held-out rows. The default value is null: none.</summary>
    public HeldOutBaseline? Baseline { get; init; }

    /// <summary>Words for the rows and the positive outcome. The default value is null: rows and the class's name.</summary>
    public ReportWording? Wording { get; init; }
}

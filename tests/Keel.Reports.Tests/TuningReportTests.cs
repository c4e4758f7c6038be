using Keel.Learn;
using Keel.Learn.Evaluation;
using Keel.Store;
using Keel.Tuning.Distributions;
using Keel.Tuning.Importance;
using Keel.Tuning.Studies;

namespace Keel.Reports.Tests;

public class TuningReportTests
{
    private static readonly FloatDistribution Rate = new(0.01, 0.3, log: true);

    private static FrozenTrial Trial(int number, TrialState state, double? value, double rate, params (int Step, double Value)[] steps) =>
        new(number, state, value, new Dictionary<string, ParameterValue> { ["learning_rate"] = new(Rate, rate) }, steps.ToDictionary(s => s.Step, s => s.Value))
        {
            StartedAt = new DateTimeOffset(2026, 1, 1, 0, 0, number, TimeSpan.Zero),
            FinishedAt = new DateTimeOffset(2026, 1, 1, 0, 0, number, TimeSpan.Zero).AddSeconds(1.5),
        };

    private static readonly FrozenTrial[] Trials =
    [
        Trial(0, TrialState.Complete, 0.8237, 0.05, (1, 0.82), (2, 0.8237)),
        Trial(1, TrialState.Pruned, 0.7991, 0.265, (1, 0.7991)),
        Trial(2, TrialState.Complete, 0.8459, 0.0115, (1, 0.84), (2, 0.8459)),
        Trial(3, TrialState.Failed, null, 0.1),
        Trial(4, TrialState.Complete, 0.8301, 0.02, (1, 0.83), (2, 0.8301)),
    ];

    private static EvaluationResult HeldOut(double auc, double lower, double upper) => new()
    {
        Task = TaskKind.Binary,
        Rows = 1409,
        Classes = ["No", "Yes"],
        ConfusionMatrix = [[950, 85], [170, 204]],
        Metrics =
        [
            new(MetricNames.RocAuc, auc, lower, upper), new(MetricNames.Precision, 0.706), new(MetricNames.Recall, 0.545),
            new(MetricNames.Ece, 0.02), new(MetricNames.AveragePrecision, 0.66),
        ],
    };

    private static TuningReportInput Input(HeldOutBaseline? baseline = null) => new()
    {
        Title = "Tuning lightgbm for Churn",
        Metric = MetricNames.RocAuc,
        HigherIsBetter = true,
        Folds = 2,
        Studies = [new TunedStudy("telco", "lightgbm", Trials, FanovaImportance.Evaluate(Trials)) { DefaultsTrial = 0 }],
        FinalName = "lightgbm, trial 2",
        FinalEvaluation = HeldOut(0.8552, 0.8344, 0.8758),
        PositiveClass = "Yes",
        Baseline = baseline ?? new HeldOutBaseline("lightgbm with its default settings", HeldOut(0.8141, 0.79, 0.835)),
    };

    [Fact]
    public void Summary_SaysHowManyTrials_WhatTuningGainedInCrossValidation_AndOnHeldOutRows()
    {
        var report = TuningReport.Build(Input());

        var summary = report.Sections[0];
        Assert.Equal("In plain words", summary.Heading);
        Assert.Equal("Keel tried 5 settings of lightgbm, scoring each by 2-fold cross-validation on the training rows; 1 stopped early because it was clearly behind and 1 failed.", summary.Texts[0]);
        Assert.Equal("The best (trial 2) scored ROC AUC 0.8459, against 0.8237 with lightgbm's default settings (0.0222 better).", summary.Texts[1]);
        Assert.Equal("On 1,409 held-out rows that no trial saw, the chosen model (lightgbm, trial 2) scores ROC AUC 0.8552 (95 % interval 0.8344 – 0.8758), against 0.8141 for lightgbm with its default settings (0.0411 better).", summary.Texts[2]);
    }

    [Fact]
    public void Summary_SaysWhenTheGainOnHeldOutRowsIsWithinItsUncertainty()
    {
        var report = TuningReport.Build(Input(new HeldOutBaseline("the defaults", HeldOut(0.8441, 0.82, 0.86))));

        Assert.EndsWith("(0.0111 better). The difference lies within the uncertainty of the held-out measurement.", report.Sections[0].Texts[2]);
    }

    [Fact]
    public void Leaderboard_RanksCompleteTrialsAndEnsembles_ThenPrunedThenFailed()
    {
        var input = Input() with { ExtraRows = [new TuningLeaderboardRow("stacked ensemble", 0.8470, "logistic regression over 2 models")] };

        var html = TuningReport.Build(input).Render();

        var order = new[] { "stacked ensemble", "<td>trial 2</td>", "<td>trial 4</td>", "<td>trial 0</td>", "<td>trial 1</td>", "<td>trial 3</td>" }.Select(s => html.IndexOf(s, StringComparison.Ordinal)).ToArray();
        Assert.All(order, i => Assert.True(i > 0));
        Assert.Equal(order.Order(), order);
        Assert.Contains("learning_rate=0.05 (defaults)", html);
        Assert.Contains("pruned after step 1", html);
        Assert.Contains("<td>1.5 s</td>", html);
    }

    [Fact]
    public void Report_HasTheHistoryPlot_TheImportanceBars_AndTheHeldOutEvaluation()
    {
        var report = TuningReport.Build(Input());
        var html = report.Render();

        Assert.Equal(["In plain words", "Leaderboard", "How the search went", "Which settings mattered", "How well the chosen model works on held-out data (lightgbm, trial 2)"],
            report.Sections.Select(s => s.Heading));
        Assert.Contains("Optimization history", html);
        Assert.Contains("best so far", html);
        Assert.Contains("pruned (value when stopped)", html);
        Assert.Contains("learning_rate explains 100 % of how the score varied across the 3 complete trials.", report.Sections[3].Texts);
        Assert.Contains("0.8344 – 0.8758", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void AStudyWithTooFewTrialsForImportance_SaysWhy()
    {
        var one = Trials.Take(1).ToArray();
        var input = Input() with { Studies = [new TunedStudy("tiny", "lightgbm", one, FanovaImportance.Evaluate(one))], FinalEvaluation = null, Baseline = null };

        var report = TuningReport.Build(input);

        Assert.Contains(report.Sections.Single(s => s.Heading == "Which settings mattered").Texts, t => t.Contains("at least 2 complete trials"));
        Assert.Equal("The best (trial 0) scored ROC AUC 0.8237.", report.Sections[0].Texts[1]);
    }
}

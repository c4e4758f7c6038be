using Keel.Data;
using Keel.Learn;
using Keel.Learn.Decisions;
using Keel.Learn.Trainers;
using Keel.Monitoring.Streaming;

namespace Keel.Monitoring.Tests.Streaming;

/// <summary>The retraining-policy options of <see cref="PrequentialRun"/>: label delay, the least number of new labels, windows, payoff.</summary>
public class PrequentialPolicyTests
{
    /// <summary>2,000 rows of x in [0, 1) (the golden-ratio sequence, no randomness); y is x &gt; 0.5 before row 1,000 and x ≤ 0.5 from it.</summary>
    private static Table FlipAt1000()
    {
        var x = Enumerable.Range(0, 2000).Select(i => i * 0.618034 % 1).ToArray();
        var y = x.Select((v, i) => (v > 0.5) == (i < 1000) ? 1.0 : 0.0).ToArray();
        return new Table([new NumericColumn("x", x), new NumericColumn("y", y)]);
    }

    private static PrequentialRun Run(PrequentialOptions options)
    {
        var table = FlipAt1000();
        return PrequentialRun.Over(table, Target.Detect(table, "y"), new LinearTrainer(), options);
    }

    private static double AccuracyOf(PrequentialRun run, int from, int to) =>
        run.Rows.Where(r => r.Row >= from && r.Row < to).Count(r => r.Correct) / (double)(to - from);

    private static readonly DecisionPayoff CallCosts5SubscriptionBrings50 = new("1", DecisionValue.Of(tp: 45, fp: -5, fn: 0, tn: 0));

    [Fact]
    public void LabelDelay_DetectsTheFlipWhenTheLabelArrives_AndLearnsOnlyArrivedLabels()
    {
        // Without delay ADWIN detects after row 1031 (PrequentialRunTests); the same errors arrive 100 rows later.
        var run = Run(new PrequentialOptions { InitialRows = 200, WindowRows = 30, RetrainOnDrift = "adwin", LabelDelay = 100 });

        Assert.Equal([1131], run.DriftRows);
        var refit = Assert.Single(run.Retrains);
        Assert.Equal(1131, refit.AfterRow);
        Assert.Equal(1031, refit.LastTrainingRow);
        Assert.Equal(1002, refit.FirstTrainingRow);
        Assert.Equal("drift", refit.Reason);
        Assert.Equal(1131, run.Rows.Single(r => r.Row == 1031).LabelArrivedAfterRow);
    }

    [Fact]
    public void LabelDelay_TheOldModelsLateErrorsDoNotReachTheNewModelsDetector()
    {
        // Rows 1032-1131 were scored (wrongly) by the first model; their labels arrive after the refit.
        var run = Run(new PrequentialOptions { InitialRows = 200, WindowRows = 30, RetrainOnDrift = "adwin", LabelDelay = 100 });

        Assert.All(run.Rows.Where(r => r.Row is > 1031 and <= 1131), r => Assert.Equal(0, r.Model));
        Assert.All(run.Rows.Where(r => r.Row > 1131), r => Assert.Equal(1, r.Model));
        Assert.True(AccuracyOf(run, 1132, 2000) > 0.98);
    }

    [Fact]
    public void MinNewLabelledRows_HoldsScheduledRefitsUntilEnoughLabelsArrived()
    {
        var run = Run(new PrequentialOptions { InitialRows = 200, WindowRows = 100, RetrainEvery = 100, MinNewLabelledRows = 250 });

        Assert.Equal([449, 699, 949, 1199, 1449, 1699, 1949], run.RetrainRows);
        Assert.All(run.Retrains, r => Assert.Equal(250, r.NewLabelledRows));
        Assert.All(run.Retrains, r => Assert.Equal("schedule", r.Reason));
    }

    [Fact]
    public void MinNewLabelledRows_HoldsADriftRefitUntilEnoughLabelsArrived()
    {
        // ADWIN detects after row 1031, when 832 labels have arrived; the limit of 900 is reached after row 1099.
        var run = Run(new PrequentialOptions { InitialRows = 200, WindowRows = 30, RetrainOnDrift = "adwin", MinNewLabelledRows = 900 });

        Assert.Equal(1031, run.DriftRows[0]);
        Assert.Equal(1099, run.RetrainRows[0]);
        Assert.Equal(900, run.Retrains[0].NewLabelledRows);
        Assert.Equal("drift", run.Retrains[0].Reason);
    }

    [Fact]
    public void ExpandingWindow_LearnsEveryLabelledRow_AndSoKeepsTheOldConceptAfterTheFlip()
    {
        var sliding = Run(new PrequentialOptions { InitialRows = 200, WindowRows = 100, RetrainEvery = 300 });
        var expanding = Run(new PrequentialOptions { InitialRows = 200, WindowRows = 100, RetrainEvery = 300, Window = PrequentialWindow.Expanding });

        Assert.Equal([499, 799, 1099, 1399, 1699], expanding.RetrainRows);
        Assert.All(expanding.Retrains, r => Assert.Equal((0, r.AfterRow + 1), (r.FirstTrainingRow, r.TrainingRows)));
        // After row 1099 the expanding window holds 1,000 old-concept rows and 100 new ones: it still predicts the old concept.
        Assert.True(AccuracyOf(expanding, 1100, 1400) < 0.2);
        Assert.True(AccuracyOf(sliding, 1100, 1400) > 0.98);
    }

    [Fact]
    public void OriginalPlusRecentWindow_LearnsTheFirstRowsAndTheRecentOnes()
    {
        var run = Run(new PrequentialOptions { InitialRows = 200, WindowRows = 100, RetrainEvery = 300, Window = PrequentialWindow.OriginalPlusRecent });

        Assert.All(run.Retrains, r => Assert.Equal((r.AfterRow - 99, r.AfterRow, 300), (r.FirstTrainingRow, r.LastTrainingRow, r.TrainingRows)));
    }

    [Fact]
    public void DecisionPayoff_DocExample_CallsFromProbabilityOneTenth()
    {
        var payoff = new DecisionPayoff("yes", DecisionValue.Of(tp: 45, fp: -5, fn: 0, tn: 0));

        Assert.Equal(0.1, payoff.Threshold, 12);
        Assert.True(payoff.Acts(0.1));
        Assert.False(payoff.Acts(0.09));
        Assert.Equal(-5, payoff.ValueOf(acted: true, positive: false));
    }

    [Fact]
    public void DecisionPayoff_ActingThatNeverLoses_ActsOnEveryRow_AndActingThatNeverPays_OnNone()
    {
        var free = new DecisionPayoff("1", DecisionValue.Of(tp: 10, fp: 0, fn: 0, tn: 0));
        var useless = new DecisionPayoff("1", DecisionValue.Of(tp: -1, fp: -1, fn: 0, tn: 0));

        Assert.Equal(0, free.Threshold);
        Assert.True(free.Acts(0));
        Assert.Equal(double.PositiveInfinity, useless.Threshold);
        Assert.False(useless.Acts(1));
    }

    [Fact]
    public void ScheduledAndDriftRefitsDueTogether_NameBothReasons()
    {
        // ADWIN detects after row 1031; its refit waits for 900 new labels, which arrive after row 1099, when the schedule (900 rows) is due too.
        var run = Run(new PrequentialOptions { InitialRows = 200, WindowRows = 30, RetrainEvery = 900, RetrainOnDrift = "adwin", MinNewLabelledRows = 900 });

        Assert.Equal("schedule,drift", run.Retrains[0].Reason);
        Assert.Equal(1099, run.Retrains[0].AfterRow);
    }

    [Fact]
    public void Payoff_IsTheSumOfEachDecisionsValue_MostlyLostAfterTheFlipWithoutRefit()
    {
        var run = Run(new PrequentialOptions { InitialRows = 200, Payoff = CallCosts5SubscriptionBrings50 });

        var before = run.Rows.Where(r => r.Row < 1000).ToArray();
        var after = run.Rows.Where(r => r.Row >= 1000).ToArray();
        // Before the flip every positive row is acted on (p ≥ 0.1); after it, most calls go to the wrong rows.
        Assert.All(before.Where(r => r.Label == "1"), r => Assert.True(r.Acted));
        Assert.True(before.Sum(r => r.Value) > 0.9 * 45 * before.Count(r => r.Label == "1") - 5 * before.Count(r => r.Label == "0"));
        Assert.True(after.Sum(r => r.Value) < 0.25 * before.Sum(r => r.Value));
        var expected = run.Rows.Sum(r => r.Acted ? r.Label == "1" ? 45.0 : -5.0 : 0.0);
        Assert.Equal(expected, run.TotalValue, 9);
    }

    [Fact]
    public void Payoff_RetrainingOnDrift_RecoversTheValue()
    {
        var fixedModel = Run(new PrequentialOptions { InitialRows = 200, Payoff = CallCosts5SubscriptionBrings50 });
        var onDrift = Run(new PrequentialOptions { InitialRows = 200, WindowRows = 30, RetrainOnDrift = "adwin", Payoff = CallCosts5SubscriptionBrings50 });

        Assert.True(onDrift.TotalValue > fixedModel.TotalValue + 10_000);
        Assert.True(double.IsNaN(Run(new PrequentialOptions { InitialRows = 200 }).TotalValue));
    }

    [Fact]
    public void PolicyOptions_BadValuesAreRefusedTogether_EachNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => Run(new PrequentialOptions
        {
            InitialRows = 200,
            LabelDelay = -1,
            MinNewLabelledRows = -5,
            Window = (PrequentialWindow)7,
            Payoff = new DecisionPayoff("yes", new DecisionValue { TruePositive = double.NaN, FalsePositive = -5, FalseNegative = 0, TrueNegative = 0 }),
        }));

        Assert.Contains("LabelDelay must be at least 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("MinNewLabelledRows must be at least 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("Window 7 is not a window", error.Message, StringComparison.Ordinal);
        Assert.Contains("true_positive must be a finite number", error.Message, StringComparison.Ordinal);
        Assert.Contains("positive class 'yes' must be one of the two classes", error.Message, StringComparison.Ordinal);
    }
}

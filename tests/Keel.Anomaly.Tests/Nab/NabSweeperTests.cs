using Keel.Anomaly.Nab;

namespace Keel.Anomaly.Tests.Nab;

/// <summary>
/// NAB's own tests of its scorer, reproduced: numenta/NAB tests/integration/sweeper_test.py, scorer_test.py,
/// true_positive_test.py, false_positive_test.py and false_negative_test.py (the cost matrix weighs everything 1 unless
/// a test says otherwise; no probationary period).
/// </summary>
public class NabSweeperTests
{
    private static readonly NabProfile Ones = new("ones", 1.0, 1.0, 1.0);

    private static NabThresholdScore Score(int length, int windows, int size, Func<DateTime[], NabWindow[], double[]> detections, double threshold = 0.5, NabProfile? profile = null)
    {
        var timestamps = NabTimeline.Timestamps(length);
        var labelled = windows == 0 ? [] : NabTimeline.Windows(timestamps, windows, size);
        var sweeper = new NabSweeper(profile ?? Ones, probationPercent: 0);
        return sweeper.ScoreAt(sweeper.Sweep(timestamps, detections(timestamps, labelled), labelled, "testData"), threshold);
    }

    private static double[] At(DateTime[] timestamps, params DateTime[] detections) =>
        timestamps.Select(t => detections.Contains(t) ? 1.0 : 0.0).ToArray();

    private static void Counts(NabThresholdScore row, int tn, int tp, int fp, int fn)
    {
        Assert.Equal(tn, row.TrueNegatives);
        Assert.Equal(tp, row.TruePositives);
        Assert.Equal(fp, row.FalsePositives);
        Assert.Equal(fn, row.FalseNegatives);
    }

    [Theory]
    [InlineData(100, 0.0, 0.0)]
    [InlineData(100, 1.0, 100.0)]
    [InlineData(100, 0.1, 10.0)]
    [InlineData(100, 0.15, 15.0)]
    [InlineData(5000, 0.1, 500.0)]
    [InlineData(6000, 0.1, 500.0)]
    public void ProbationaryLength_IsAShareOfTheRows_CappedAtAShareOf5000(int rows, double share, double expected)
    {
        Assert.Equal(expected, new NabSweeper(NabProfile.Standard, share).ProbationaryLength(rows), 9);
    }

    [Fact]
    public void SweepScores_ArePositiveInsideWindows_NegativeElsewhere_AndProbationaryRowsAreMarked()
    {
        var timestamps = Enumerable.Range(0, 100).Select(i => NabTimeline.Start.AddMinutes(i)).ToArray();
        NabWindow[] windows = [new(timestamps[30], timestamps[39]), new(timestamps[75], timestamps[95])];
        var sweeper = new NabSweeper(NabProfile.Standard, 0.1);

        var points = sweeper.Sweep(timestamps, Enumerable.Repeat(1.0, 100).ToArray(), windows, "TestDataSet");

        Assert.Equal(100, points.Count);
        Assert.Equal(10, points.Count(p => p.Window == NabPoint.Probationary));
        Assert.Equal(10 + 21, points.Count(p => p.Window is not null and not NabPoint.Probationary));
        foreach (var p in points)
            if (p.Window is not null and not NabPoint.Probationary) Assert.True(p.SweepScore > 0);
            else Assert.True(p.SweepScore < 0);
    }

    [Fact]
    public void ScoresByThreshold_KeepEachWindowsBestDetection_AndEveryFalsePositive()
    {
        const double fnWeight = 5.0;
        var sweeper = new NabSweeper(new NabProfile("test", 0, 0, fnWeight));
        NabPoint P(int t, double anomaly, double sweep, string? window) => new(NabTimeline.Start.AddMinutes(t), anomaly, sweep, window);
        NabPoint[] input =
        [
            P(0, 0.5, -1000, NabPoint.Probationary),
            P(1, 0.5, -1000, NabPoint.Probationary),
            P(2, 0.0, -3, null),
            P(4, 0.2, 20, "windowA"),
            P(5, 0.3, 10, "windowA"),
            P(6, 0.5, 5, "windowB"),
            P(7, 0.5, -3, null),
        ];

        Assert.Equal(
        [
            new NabThresholdScore(1.1, -2 * fnWeight, 0, 2, 0, 3),
            new NabThresholdScore(0.5, 5 - 3 - fnWeight, 1, 1, 1, 2),
            new NabThresholdScore(0.3, 5 - 3 + 10, 2, 1, 1, 1),
            new NabThresholdScore(0.2, 5 - 3 + 20, 3, 1, 1, 0),
            new NabThresholdScore(0.0, 5 - 3 + 20 - 3, 3, 0, 2, 0),
        ], sweeper.ScoresByThreshold(input));
    }

    [Fact]
    public void NoWindowsAndNoDetections_ScoreZero()
    {
        var row = Score(10, 0, 0, (t, _) => new double[t.Length]);

        Assert.Equal(0.0, row.Score);
        Counts(row, 10, 0, 0, 0);
    }

    [Fact]
    public void AllMetrics_TruePositiveExtraTruePositiveAndFalsePositive_ScoreMinus0954()
    {
        var row = Score(100, 2, 5, (t, w) => { var i = NabTimeline.IndexOf(t, w[0].Start); return At(t, t[i], t[i + 1], t[i + 7]); });

        Assert.Equal(-0.9540, row.Score, 4);
        Counts(row, 100 - 5 * 2 - 1, 2, 1, 8);
    }

    [Fact]
    public void RewardLowFalseNegatives_DoublesTheCostOfAMiss()
    {
        var standard = Score(100, 1, 10, (t, _) => new double[t.Length]);
        var lowFn = Score(100, 1, 10, (t, _) => new double[t.Length], profile: new NabProfile("fn", 1.0, 0.055, 2.0));

        Assert.Equal(standard.Score, 0.5 * lowFn.Score);
        Counts(standard, 90, 0, 0, 10);
        Counts(lowFn, 90, 0, 0, 10);
    }

    [Fact]
    public void RewardLowFalsePositives_DoublesTheCostOfAFalsePositive()
    {
        var standard = Score(100, 0, 10, (t, _) => At(t, t[0]));
        var lowFp = Score(100, 0, 10, (t, _) => At(t, t[0]), profile: new NabProfile("fp", 1.0, 2.0, 0.5));

        Assert.Equal(standard.Score, 0.5 * lowFp.Score);
        Counts(standard, 99, 0, 1, 0);
        Counts(lowFp, 99, 0, 1, 0);
    }

    [Fact]
    public void FirstTruePositiveOfAWindow_ScoresTheTruePositiveWeight()
    {
        var row = Score(10, 1, 2, (t, w) => At(t, w[0].Start));

        Assert.Equal(1.0, row.Score);
        Counts(row, 8, 1, 0, 1);
    }

    [Fact]
    public void AnEarlierTruePositive_ScoresMore()
    {
        var early = Score(10, 1, 2, (t, w) => At(t, w[0].Start));
        var late = Score(10, 1, 2, (t, w) => At(t, w[0].End));

        Assert.True(early.Score > late.Score);
        Counts(early, 8, 1, 0, 1);
        Counts(late, 8, 1, 0, 1);
    }

    [Fact]
    public void OnlyTheFirstTruePositiveOfAWindow_Counts()
    {
        var one = Score(10, 1, 2, (t, w) => At(t, w[0].Start));
        var two = Score(10, 1, 2, (t, w) => At(t, w[0].Start, w[0].End));

        Assert.Equal(one.Score, two.Score);
        Counts(one, 8, 1, 0, 1);
        Counts(two, 8, 2, 0, 0);
    }

    [Fact]
    public void TruePositivesAtTheLeftEdge_ScoreTheSameWhateverTheWindowsWidth()
    {
        var narrow = Score(10, 1, 2, (t, w) => At(t, w[0].Start));
        var wide = Score(10, 1, 3, (t, w) => At(t, w[0].Start));

        Assert.Equal(narrow.Score, wide.Score);
        Counts(narrow, 8, 1, 0, 1);
        Counts(wide, 7, 1, 0, 2);
    }

    [Fact]
    public void ATruePositiveAtTheRightEdge_AndAFalsePositiveJustAfter_CancelOut()
    {
        var edge = Score(1000, 1, 100, (t, w) => At(t, w[0].End));
        var after = Score(1000, 1, 100, (t, w) => At(t, t[NabTimeline.IndexOf(t, w[0].End) + 1]));

        // The 1 is the window missed in the second case.
        Assert.Equal(0.0, edge.Score + after.Score + 1, 3);
        Counts(edge, 900, 1, 0, 99);
        Counts(after, 899, 0, 1, 100);
    }

    [Fact]
    public void AFalsePositive_MakesTheScoreNegative()
    {
        var row = Score(1000, 1, 10, (t, _) => At(t, t[0]));

        Assert.True(row.Score < 0);
        Counts(row, 1000 - 10 - 1, 0, 1, 10);
    }

    [Fact]
    public void TwoFalsePositives_AreWorseThanOne()
    {
        var one = Score(1000, 1, 10, (t, _) => At(t, t[0]));
        var two = Score(1000, 1, 10, (t, _) => At(t, t[0], t[1]));

        Assert.True(two.Score < one.Score);
        Counts(one, 989, 0, 1, 10);
        Counts(two, 988, 0, 2, 10);
    }

    [Fact]
    public void AFalsePositiveWithoutWindows_CostsTheFalsePositiveWeight()
    {
        var row = Score(1000, 0, 10, (t, _) => At(t, t[0]));

        Assert.Equal(-1.0, row.Score);
        Counts(row, 999, 0, 1, 0);
    }

    [Fact]
    public void AnEarlierFalsePositiveAfterAWindow_CostsLess()
    {
        var sooner = Score(10, 1, 2, (t, w) => At(t, t[NabTimeline.IndexOf(t, w[0].End) + 1]));
        var later = Score(10, 1, 2, (t, w) => At(t, t[NabTimeline.IndexOf(t, w[0].End) + 2]));

        Assert.True(sooner.Score > later.Score);
        Counts(sooner, 7, 0, 1, 2);
        Counts(later, 7, 0, 1, 2);
    }

    [Fact]
    public void AMissedWindow_CostsTheFalseNegativeWeight()
    {
        var row = Score(1000, 1, 10, (t, _) => new double[t.Length], threshold: 1.0);

        Assert.Equal(-1.0, row.Score);
        Counts(row, 990, 0, 0, 10);
    }

    [Fact]
    public void FourMissedWindows_CostFourTimesAsMuch()
    {
        var row = Score(2000, 4, 10, (t, _) => new double[t.Length], threshold: 1);

        Assert.Equal(-4.0, row.Score);
        Counts(row, 1960, 0, 0, 40);
    }

    [Fact]
    public void ScaledSigmoid_MatchesNabsDocumentedValues()
    {
        // nab/sweeper.py scaledSigmoid's docstring: 0.98661 at −1, 0.84828 at −0.5, 0 at 0, −0.98661 at 1.
        Assert.Equal(0.98661, NabSweeper.ScaledSigmoid(-1.0), 5);
        Assert.Equal(0.84828, NabSweeper.ScaledSigmoid(-0.5), 5);
        Assert.Equal(0.0, NabSweeper.ScaledSigmoid(0.0));
        Assert.Equal(-0.98661, NabSweeper.ScaledSigmoid(1.0), 5);
        Assert.Equal(-1.0, NabSweeper.ScaledSigmoid(3.5));
    }

    [Fact]
    public void AWindowEdgeThatIsNotATimestamp_IsRefusedWithTheSeriesName()
    {
        var timestamps = NabTimeline.Timestamps(10);
        var e = Assert.Throws<ArgumentException>(() => new NabSweeper(NabProfile.Standard).Sweep(timestamps, new double[10],
            [new NabWindow(timestamps[2], timestamps[2].AddMinutes(1))], "s.csv"));

        Assert.Contains("s.csv", e.Message);
    }
}

using Keel.Anomaly.Streaming;

namespace Keel.Anomaly.Tests.Streaming;

public class RobustSeasonalBaselineTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static SeriesPoint At(DateTime t, double value) => new(t, value);

    [Fact]
    public void Score_IsTheRobustZOfTheWindow_MappedSoThatOutlierZIsPointNine()
    {
        var detector = new RobustSeasonalBaseline(new RobustSeasonalBaselineOptions { WarmUp = 9 });
        for (var v = 1; v <= 9; v++) detector.Learn(At(Start.AddHours(v), v));

        // Values 1..9: median 5, MAD 2, scale 1.4826 × 2 (scipy.stats.median_abs_deviation(range(1, 10)) = 2.0).
        Assert.Equal((5.0, 2.9652), detector.Baseline(At(Start, 0)));
        var z = 10 / 2.9652;
        Assert.Equal(z * z / (z * z + 3.5 * 3.5 / 9), detector.Score(At(Start, 15)), 12);
        Assert.Equal(0.0, detector.Score(At(Start, 5)));
        Assert.Equal(0.9, RobustSeasonalBaseline.Likelihood(3.5, 3.5), 12);
        Assert.Equal(0.5, RobustSeasonalBaseline.Likelihood(3.5 / 3, 3.5), 12);
        Assert.Equal(0.99, RobustSeasonalBaseline.Likelihood(3.5 * Math.Sqrt(11), 3.5), 12);
        Assert.True(RobustSeasonalBaseline.Likelihood(1000, 3.5) < RobustSeasonalBaseline.Likelihood(1001, 3.5));
    }

    [Fact]
    public void WarmUp_ScoresZeroUntilEnoughPointsAreLearned()
    {
        var detector = new RobustSeasonalBaseline(new RobustSeasonalBaselineOptions { WarmUp = 5 });
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(0.0, detector.Score(At(Start.AddMinutes(i), 1000)));
            detector.Learn(At(Start.AddMinutes(i), i));
        }

        Assert.True(detector.Score(At(Start.AddMinutes(5), 1000)) > 0.999);
    }

    [Fact]
    public void AFlatSeries_ScoresAnyMoveAsCertain_AndItsValueAsNothing()
    {
        var detector = new RobustSeasonalBaseline();
        for (var i = 0; i < 50; i++) detector.Learn(At(Start.AddMinutes(i), 7));

        Assert.Equal(0.0, detector.Score(At(Start.AddMinutes(50), 7)));
        Assert.Equal(1.0, detector.Score(At(Start.AddMinutes(50), 7.001)));
    }

    [Fact]
    public void MostlyEqualValues_FallBackOnTheMeanAbsoluteDeviation()
    {
        var detector = new RobustSeasonalBaseline(new RobustSeasonalBaselineOptions { WarmUp = 10, Window = 10 });
        // Eight 0s and two 10s: the MAD is 0, the mean absolute deviation from the median 2.
        foreach (var (v, i) in new double[] { 0, 0, 10, 0, 0, 0, 10, 0, 0, 0 }.Select((v, i) => (v, i))) detector.Learn(At(Start.AddMinutes(i), v));

        Assert.Equal((0.0, 1.253314 * 2), detector.Baseline(At(Start, 0)));
    }

    /// <summary>A daily cycle between 0 and 20: 3 is ordinary for the series but not for 03:00, when it is usually about 17.</summary>
    [Fact]
    public void HourOfDay_FlagsAValueUnusualForItsHour_ThatTheUnseasonalBaselineAccepts()
    {
        var seasonal = new RobustSeasonalBaseline(new RobustSeasonalBaselineOptions { Seasonality = Seasonality.HourOfDay });
        var plain = new RobustSeasonalBaseline();
        for (var h = 0; h < 24 * 14; h++)
        {
            var t = Start.AddHours(h);
            var point = At(t, Daily(t) + 0.5 * Math.Sin(h * 1.7));
            seasonal.Learn(point);
            plain.Learn(point);
        }
        var odd = At(Start.AddDays(14).AddHours(3), 3);

        Assert.True(seasonal.Score(odd) > 0.99, $"seasonal scores {seasonal.Score(odd)}");
        Assert.True(plain.Score(odd) < 0.5, $"unseasonal scores {plain.Score(odd)}");

        static double Daily(DateTime t) => 10 + 10 * Math.Sin(t.Hour * Math.PI / 12);
    }

    [Fact]
    public void PointsSeasonality_UsesThePositionInThePeriod()
    {
        var detector = new RobustSeasonalBaseline(new RobustSeasonalBaselineOptions { Seasonality = Seasonality.Points, Period = 4, MinPhaseValues = 3 });
        double[] season = [0, 10, 0, -10];
        for (var i = 0; i < 400; i++) detector.Learn(At(Start, season[i % 4] + (i % 3) * 0.1));

        // The next point is the first of a season (usually 0): 10 there is an outlier; 0 is not.
        Assert.True(detector.Score(At(Start, 10)) > 0.99);
        Assert.True(detector.Score(At(Start, 0.1)) < 0.5);
    }

    [Fact]
    public void Reset_ForgetsEverything()
    {
        var detector = new RobustSeasonalBaseline(new RobustSeasonalBaselineOptions { Seasonality = Seasonality.HourOfWeek });
        for (var i = 0; i < 100; i++) detector.Learn(At(Start.AddHours(i), i));
        detector.Reset();

        Assert.Equal(0, detector.Learned);
        Assert.Equal(0.0, detector.Score(At(Start, 1e9)));
    }

    [Fact]
    public void BadOptions_AreAllListedAtOnce()
    {
        var e = Assert.Throws<ArgumentException>(() => new RobustSeasonalBaseline(new RobustSeasonalBaselineOptions
        {
            Seasonality = Seasonality.Points, Period = 1, Window = 2, WarmUp = 0, OutlierZ = -1, MinScaleShare = 2,
        }));

        foreach (var name in new[] { "period", "window", "min_phase_values", "warm_up", "outlier_z", "min_scale_share" })
            Assert.Contains(name, e.Message);
    }
}

using System.Text.Json;
using Keel.Anomaly.Streaming;

namespace Keel.Anomaly.Tests.Streaming;

public class WindowedGaussianTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>tests/fixtures/make_windowed_gaussian_fixture.py: np.mean, np.std and scipy.special.erfc over each point's window.</summary>
    private static readonly JsonElement Fixture =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "windowed_gaussian_scipy.json"))).RootElement;

    private static SeriesPoint[] Points(IEnumerable<double> values) => values.Select((v, i) => new SeriesPoint(Start.AddMinutes(5 * i), v)).ToArray();

    [Fact]
    public void Scores_AreNumPyAndSciPysTailScores_ForEveryWindowAndInput()
    {
        var points = Points(Fixture.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        foreach (var c in Fixture.GetProperty("cases").EnumerateArray())
        {
            var detector = (WindowedGaussian)StreamingAnomalyDetectors.Create("gaussian", new Dictionary<string, string>
            {
                ["window"] = c.GetProperty("window").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["warm_up"] = c.GetProperty("warm_up").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["input"] = c.GetProperty("input").GetString()!,
            });
            var expected = c.GetProperty("scores").EnumerateArray().Select(v => v.GetDouble()).ToArray();

            var scores = AnomalyStream.Score(detector, points);

            for (var i = 0; i < points.Length; i++) Assert.Equal(expected[i], scores[i], 9);
            Assert.Contains(expected, s => s == 1.0);
            Assert.Contains(expected, s => s is > 0.1 and < 0.9);
        }
    }

    [Fact]
    public void TailScore_IsTheTwoSidedNormalTailOnNumentasLogScale()
    {
        var z = Fixture.GetProperty("z").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var expected = Fixture.GetProperty("tail_scores").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (var i = 0; i < z.Length; i++) Assert.Equal(expected[i], WindowedGaussian.TailScore(z[i]), 9);

        // By hand: |z| = 1.96 leaves 5 % in the two tails, and −log10(0.05) / 10 = 0.1301.
        Assert.Equal(-Math.Log10(0.05) / 10, WindowedGaussian.TailScore(1.959964), 6);
        Assert.Equal(0.5, WindowedGaussian.TailScore(4.417173), 6);   // a tail of 1e-5
        Assert.Equal(1.0, WindowedGaussian.TailScore(40));            // the tail underflows
        Assert.True(WindowedGaussian.TailScore(5) < WindowedGaussian.TailScore(5.1));
    }

    [Fact]
    public void Estimate_IsTheWindowsMeanAndPopulationStandardDeviation()
    {
        var detector = new WindowedGaussian(new WindowedGaussianOptions { Window = 9, WarmUp = 3 });
        foreach (var point in Points([100, 100, 1, 2, 3, 4, 5, 6, 7, 8, 9])) detector.Learn(point);

        // The last 9 values are 1..9: mean 5, population variance 60 / 9 (np.std(range(1, 10)) = 2.5819889).
        var (mean, sigma) = detector.Estimate();
        Assert.Equal(5.0, mean, 12);
        Assert.Equal(Math.Sqrt(60.0 / 9), sigma, 12);
        var z = 3 / Math.Sqrt(60.0 / 9);
        Assert.Equal(WindowedGaussian.TailScore(z), detector.Score(new SeriesPoint(Start, 8)), 12);
        Assert.Equal(0.0, detector.Score(new SeriesPoint(Start, 5)));
    }

    [Fact]
    public void RunningSums_StayExact_OnLargeValuesOverManyWindows()
    {
        var values = Enumerable.Range(0, 5_000).Select(i => 1e9 + i % 7 + 0.25 * (i % 3)).ToArray();
        var detector = new WindowedGaussian(new WindowedGaussianOptions { Window = 64 });
        foreach (var point in Points(values)) detector.Learn(point);

        var last = values[^64..];
        var mean = last.Average();
        var sigma = Math.Sqrt(last.Sum(v => (v - mean) * (v - mean)) / last.Length);
        var (m, s) = detector.Estimate();
        Assert.Equal(mean, m, 6);
        Assert.Equal(sigma, s, 9);
    }

    [Fact]
    public void AWindowThatNeverMoved_ScoresItsValueZeroAndAnyOtherOne()
    {
        var detector = new WindowedGaussian(new WindowedGaussianOptions { WarmUp = 5 });
        foreach (var point in Points(Enumerable.Repeat(3.0, 10))) detector.Learn(point);

        Assert.Equal(0.0, detector.Score(new SeriesPoint(Start, 3.0)));
        Assert.Equal(1.0, detector.Score(new SeriesPoint(Start, 3.001)));
    }

    [Fact]
    public void WarmUp_ScoresZeroUntilEnoughPointsAreLearned()
    {
        var detector = new WindowedGaussian(new WindowedGaussianOptions { WarmUp = 5 });
        var points = Points([1, 2, 1, 2, 1, 2]);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(0.0, detector.Score(new SeriesPoint(Start, 1000)));
            detector.Learn(points[i]);
        }

        Assert.Equal(1.0, detector.Score(new SeriesPoint(Start, 1000)));
    }

    [Fact]
    public void Scores_AreDeterministic_AndResetStartsAfresh()
    {
        var points = Points(Fixture.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        var detector = new WindowedGaussian(new WindowedGaussianOptions { Window = 40, Input = GaussianInput.Change });

        var first = AnomalyStream.Score(detector, points);
        Assert.Equal(points.Length, detector.Learned);
        detector.Reset();
        Assert.Equal(0, detector.Learned);
        Assert.Equal((double.NaN, double.NaN), detector.Estimate());
        var again = AnomalyStream.Score(detector, points);
        var fresh = AnomalyStream.Score(new WindowedGaussian(new WindowedGaussianOptions { Window = 40, Input = GaussianInput.Change }), points);

        Assert.Equal(first, again);
        Assert.Equal(first, fresh);
    }

    [Fact]
    public void Score_DoesNotChangeTheDetector()
    {
        var detector = new WindowedGaussian(new WindowedGaussianOptions { WarmUp = 3 });
        foreach (var point in Points([1, 3, 2, 4])) detector.Learn(point);

        var once = detector.Score(new SeriesPoint(Start, 9));
        Assert.Equal(once, detector.Score(new SeriesPoint(Start, 9)));
        Assert.Equal(4, detector.Learned);
    }

    [Fact]
    public void BadOptions_AreAllListedAtOnce()
    {
        var e = Assert.Throws<ArgumentException>(() => new WindowedGaussian(new WindowedGaussianOptions { Window = 2, WarmUp = 1, Input = (GaussianInput)7 }));

        Assert.Contains("window must be at least 3; it is 2", e.Message);
        Assert.Contains("warm_up must be at least 3", e.Message);
        Assert.Contains("input must be value or change", e.Message);
    }

    [Fact]
    public void NonFiniteValues_AreRefused()
    {
        var detector = new WindowedGaussian();

        Assert.Throws<ArgumentOutOfRangeException>(() => detector.Score(new SeriesPoint(Start, double.NaN)));
        Assert.Throws<ArgumentOutOfRangeException>(() => detector.Learn(new SeriesPoint(Start, double.PositiveInfinity)));
    }
}

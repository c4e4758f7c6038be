using System.Globalization;
using System.Text.Json;
using Keel.Anomaly.Streaming;

namespace Keel.Anomaly.Tests.Streaming;

public class RelativeEntropyTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>tests/fixtures/make_relative_entropy_fixture.py: scipy.stats.entropy for the G statistic, scipy.stats.chi2 for its distribution.</summary>
    private static readonly JsonElement Fixture =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "relative_entropy_scipy.json"))).RootElement;

    private static SeriesPoint[] Points(IEnumerable<double> values) => values.Select((v, i) => new SeriesPoint(Start.AddMinutes(5 * i), v)).ToArray();

    private static SeriesPoint[] FixturePoints() => Points(Fixture.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));

    [Fact]
    public void Scores_AreSciPysChiSquareOfTheSmallestGStatistic_AndTheReferencesAgree()
    {
        var points = FixturePoints();
        foreach (var c in Fixture.GetProperty("cases").EnumerateArray())
        {
            var detector = (RelativeEntropy)StreamingAnomalyDetectors.Create("entropy", new Dictionary<string, string>
            {
                ["bins"] = c.GetProperty("bins").GetInt32().ToString(CultureInfo.InvariantCulture),
                ["window"] = c.GetProperty("window").GetInt32().ToString(CultureInfo.InvariantCulture),
                ["confidence"] = c.GetProperty("confidence").GetDouble().ToString(CultureInfo.InvariantCulture),
            });
            var expected = c.GetProperty("scores").EnumerateArray().Select(v => v.GetDouble()).ToArray();

            var scores = AnomalyStream.Score(detector, points);

            for (var i = 0; i < points.Length; i++) Assert.Equal(expected[i], scores[i], 9);
            Assert.Equal(c.GetProperty("references").GetInt32(), detector.References);
            Assert.Contains(expected, s => s >= 0.99);
        }
    }

    [Fact]
    public void GStatistic_IsTwiceNTimesTheKullbackLeiblerDivergence()
    {
        // By hand: observed (0.5, 0.5) against expected (0.25, 0.75) over 10 values:
        // KL = 0.5 ln 2 + 0.5 ln(2/3) = 0.143841; G = 20 × KL = 2.876821 (scipy.stats.entropy([.5, .5], [.25, .75]) = 0.1438410).
        Assert.Equal(20 * (0.5 * Math.Log(2) + 0.5 * Math.Log(2.0 / 3)), RelativeEntropy.GStatistic([0.5, 0.5], [0.25, 0.75], 10), 12);
        Assert.Equal(2.876821, RelativeEntropy.GStatistic([0.5, 0.5], [0.25, 0.75], 10), 6);
        Assert.Equal(0.0, RelativeEntropy.GStatistic([0.2, 0.8], [0.2, 0.8], 52));
        Assert.Equal(double.PositiveInfinity, RelativeEntropy.GStatistic([0.5, 0.5], [1.0, 0.0], 10));
    }

    [Fact]
    public void ANewRegime_IsFlaggedWhenItStarts_AndIsUsualWhenItRecurs()
    {
        // Two alternating regimes of 200 points: low values (0..4) and high values (10..14), cycling through their values.
        var values = Enumerable.Range(0, 800).Select(i => (i / 200 % 2 == 0 ? 0.0 : 10.0) + i % 5).ToArray();
        var detector = new RelativeEntropy(new RelativeEntropyOptions { Bins = 4, Window = 20 });

        var scores = AnomalyStream.Score(detector, Points(values));

        Assert.Contains(Enumerable.Range(200, 20), i => scores[i] >= 0.99);        // the high regime's first window
        Assert.DoesNotContain(Enumerable.Range(640, 160), i => scores[i] >= 0.99);  // the high regime again, settled
        Assert.DoesNotContain(Enumerable.Range(100, 100), i => scores[i] >= 0.99);
    }

    [Fact]
    public void Scores_AreDeterministic_AndResetStartsAfresh()
    {
        var points = FixturePoints();
        var detector = new RelativeEntropy();

        var first = AnomalyStream.Score(detector, points);
        detector.Reset();
        Assert.Equal(0, detector.Learned);
        Assert.Equal(0, detector.References);
        var again = AnomalyStream.Score(detector, points);

        Assert.Equal(first, again);
        Assert.Equal(first, AnomalyStream.Score(new RelativeEntropy(), points));
    }

    [Fact]
    public void AFlatSeries_ScoresZero()
    {
        var scores = AnomalyStream.Score(new RelativeEntropy(new RelativeEntropyOptions { Window = 5 }), Points(Enumerable.Repeat(7.0, 50)));

        Assert.All(scores, s => Assert.Equal(0.0, s));
    }

    [Fact]
    public void BadOptions_AreAllListedAtOnce()
    {
        var e = Assert.Throws<ArgumentException>(() => new RelativeEntropy(new RelativeEntropyOptions { Bins = 1, Window = 2, Confidence = 1 }));

        Assert.Contains("bins must be between 2 and 100; it is 1", e.Message);
        Assert.Contains("window must be at least 3; it is 2", e.Message);
        Assert.Contains("confidence must be above 0 and below 1; it is 1", e.Message);
    }

    [Fact]
    public void NonFiniteValues_AreRefused()
    {
        var detector = new RelativeEntropy();

        Assert.Throws<ArgumentOutOfRangeException>(() => detector.Score(new SeriesPoint(Start, double.NaN)));
        Assert.Throws<ArgumentOutOfRangeException>(() => detector.Learn(new SeriesPoint(Start, double.NegativeInfinity)));
    }
}

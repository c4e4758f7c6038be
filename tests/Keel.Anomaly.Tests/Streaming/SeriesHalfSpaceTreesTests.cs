using Keel.Anomaly.Streaming;

namespace Keel.Anomaly.Tests.Streaming;

public class SeriesHalfSpaceTreesTests
{
    private static SeriesPoint At(int i, double value) => new(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(5 * i), value);

    /// <summary>River's pipeline MinMaxScaler | HalfSpaceTrees: with no headroom the series detector scores as the trees over min-max scaled values.</summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    public void Scores_AreTheTreesOverMinMaxScaledValues(double headroom)
    {
        double[] values = [10, 14, 12, 13, 11, 12, 14, 13, 30, 12, 11, 13];
        var options = new HalfSpaceTreesOptions { Trees = 5, Height = 3, WindowSize = 3, Seed = 42 };
        var series = new SeriesHalfSpaceTrees(new SeriesHalfSpaceTreesOptions { Trees = options, Headroom = headroom });
        var trees = new HalfSpaceTrees(options);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var i = 0; i < values.Length; i++)
        {
            var expected = trees.InFirstWindow ? 0.0 : trees.Score([Scale(values[i])]);
            Assert.Equal(expected, series.Score(At(i, values[i])), 15);
            series.Learn(At(i, values[i]));
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
            trees.Learn([Scale(values[i])]);
        }
        Assert.Equal(values.Length, series.Learned);

        double Scale(double x) => max > min ? headroom + (1 - 2 * headroom) * (x - min) / (max - min) : headroom;
    }

    [Fact]
    public void ASpikeInAQuietSeries_ScoresHigherThanItsNeighbours()
    {
        var detector = new SeriesHalfSpaceTrees(new SeriesHalfSpaceTreesOptions { Trees = new HalfSpaceTreesOptions { WindowSize = 50 } });
        var points = Enumerable.Range(0, 800).Select(i => At(i, 100 + 5 * Math.Sin(i / 7.0) + (i == 700 ? 60 : 0))).ToList();

        var scores = AnomalyStream.Score(detector, points);

        Assert.All(scores[..50], s => Assert.Equal(0.0, s));
        Assert.True(scores[700] > scores[500..700].Max() + 0.01, $"the spike scores {scores[700]}; the 200 points before it at most {scores[500..700].Max()}");
        // With River's plain min-max scaling the spike shares the top cell with the sine's peaks and scores lower than they do.
        var plain = AnomalyStream.Score(new SeriesHalfSpaceTrees(new SeriesHalfSpaceTreesOptions { Headroom = 0, Trees = new HalfSpaceTreesOptions { WindowSize = 50 } }), points);
        Assert.True(plain[700] < plain[500..700].Max());
    }

    [Fact]
    public void Shingles_FeedTheValuesBeforeEachPoint()
    {
        var detector = new SeriesHalfSpaceTrees(new SeriesHalfSpaceTreesOptions { Shingle = 3, Trees = new HalfSpaceTreesOptions { WindowSize = 20 } });
        var scores = AnomalyStream.Score(detector, Enumerable.Range(0, 100).Select(i => At(i, i % 10)).ToList());

        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
        Assert.Throws<ArgumentException>(() => new SeriesHalfSpaceTrees(new SeriesHalfSpaceTreesOptions { Shingle = 0 }));
    }

    [Fact]
    public void NonFiniteValues_AreRefused()
    {
        var detector = new SeriesHalfSpaceTrees();

        Assert.Throws<ArgumentOutOfRangeException>(() => detector.Learn(At(0, double.NaN)));
        Assert.Throws<ArgumentOutOfRangeException>(() => detector.Score(At(0, double.PositiveInfinity)));
    }
}

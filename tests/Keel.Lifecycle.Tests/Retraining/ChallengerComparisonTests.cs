using System.Text.Json;
using Keel.Lifecycle.Retraining;

namespace Keel.Lifecycle.Tests.Retraining;

/// <summary>
/// The comparison's maths pinned to NumPy and scikit-learn: Fixtures/challenger_numpy.json, made by
/// <c>/usr/bin/python3 tests/fixtures/make_challenger_fixture.py</c> (RandomState(seed).randint resamples, np.percentile).
/// </summary>
public sealed class ChallengerComparisonTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "challenger_numpy.json"))).RootElement;

    private static int[] Y => Fixture.GetProperty("y").EnumerateArray().Select(v => v.GetInt32()).ToArray();

    private static double[] P(string name) => Fixture.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static ComparisonResult Compare(string metric, double margin = 0.01)
    {
        var expected = Fixture.GetProperty("comparisons").EnumerateArray().Single(c => c.GetProperty("metric").GetString() == metric);
        var settings = new ChallengerSettings { Metric = metric, Margin = margin, Resamples = expected.GetProperty("resamples").GetInt32(), Seed = expected.GetProperty("seed").GetInt32() };
        return ChallengerComparison.Compare(metric, Y.Length, RowMetric.Binary(metric, Y, P("p_champion"), 0.5), RowMetric.Binary(metric, Y, P("p_challenger"), 0.5), settings, "rows");
    }

    private static void AssertEstimate(JsonElement expected, MetricEstimate actual)
    {
        Assert.Equal(expected.GetProperty("value").GetDouble(), actual.Value, 12);
        Assert.Equal(expected.GetProperty("lower").GetDouble(), actual.Lower, 12);
        Assert.Equal(expected.GetProperty("upper").GetDouble(), actual.Upper, 12);
    }

    [Theory]
    [InlineData("accuracy")]
    [InlineData("roc_auc")]
    [InlineData("log_loss")]
    public void Compare_MatchesNumPyDrawForDraw(string metric)
    {
        var expected = Fixture.GetProperty("comparisons").EnumerateArray().Single(c => c.GetProperty("metric").GetString() == metric);

        var result = Compare(metric);

        AssertEstimate(expected.GetProperty("champion"), result.Champion);
        AssertEstimate(expected.GetProperty("challenger"), result.Challenger);
        AssertEstimate(expected.GetProperty("improvement"), result.Improvement);
    }

    [Fact]
    public void Compare_AWinByTheMarginWithAnIntervalAboveZero_Promotes_AndSaysSo()
    {
        var result = Compare("roc_auc", margin: 0.05);

        Assert.True(result.Promote);
        Assert.True(result.IntervalExcludesZero);
        Assert.StartsWith("On the 150 rows, roc_auc is 0.8268 (", result.Reason);
        Assert.EndsWith("at least the margin 0.0500, and the interval excludes 0. Verdict: promote.", result.Reason);
    }

    [Fact]
    public void Compare_AWinShortOfTheMargin_StaysAChallenger_AndSaysWhy()
    {
        var result = Compare("accuracy", margin: 0.02);

        Assert.False(result.Promote);
        Assert.False(result.IntervalExcludesZero);
        Assert.EndsWith("short of the margin 0.0200 (the interval includes 0, so the difference may be chance). Verdict: it stays a challenger.", result.Reason);
    }

    [Fact]
    public void Compare_LogLoss_CountsALowerChallengerAsAnImprovement()
    {
        var result = Compare("log_loss", margin: 0.0);

        Assert.True(result.Challenger.Value < result.Champion.Value);
        Assert.Equal(result.Champion.Value - result.Challenger.Value, result.Improvement.Value, 12);
        Assert.True(result.Promote);
    }
}

using Keel.Anomaly.Streaming;

namespace Keel.Anomaly.Tests.Streaming;

public class AlarmSuppressionTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A detector whose score is the point's value, so that a test writes the raw scores it wants.</summary>
    private sealed class ValueIsScore : IStreamingAnomalyDetector
    {
        public string Name => "value";

        public long Learned { get; private set; }

        public double Score(SeriesPoint point) => point.Value;

        public void Learn(SeriesPoint point) => Learned++;

        public void Reset() => Learned = 0;
    }

    private static SeriesPoint[] Points(params double[] values) => values.Select((v, i) => new SeriesPoint(Start.AddMinutes(i), v)).ToArray();

    [Fact]
    public void AScore_IsPassedOnOnlyWhenItExceedsEveryRawScoreOfTheQuietPointsBeforeIt()
    {
        var detector = new AlarmSuppression(new ValueIsScore(), quiet: 3);

        var scores = AnomalyStream.Score(detector, Points(0.1, 0.95, 0.96, 0.5, 0.94, 0.2, 0.2, 0.99, 0.99));

        // 0.5 and 0.94 follow 0.96; 0.2, 0.2 follow 0.94 (within 3); 0.99 beats 0.94, 0.2, 0.2; the second 0.99 ties.
        Assert.Equal([0.1, 0.95, 0.96, 0.0, 0.0, 0.0, 0.0, 0.99, 0.0], scores);
        Assert.Equal(9, detector.Learned);
    }

    [Fact]
    public void ALevelShift_RaisesOneAlarm_NotOnePerPoint()
    {
        var values = Enumerable.Range(0, 400).Select(i => (i % 2 == 0 ? 1.0 : -1.0) + (i >= 300 ? 10 : 0)).ToArray();
        var points = values.Select((v, i) => new SeriesPoint(Start.AddMinutes(i), v)).ToArray();

        var plain = AnomalyStream.Score(new WindowedGaussian(new WindowedGaussianOptions { Window = 200 }), points);
        var quiet = AnomalyStream.Score(StreamingAnomalyDetectors.Create("gaussian", new Dictionary<string, string> { ["window"] = "200", ["quiet"] = "100" }), points);

        Assert.True(plain.Count(s => s >= 0.5) >= 5, $"{plain.Count(s => s >= 0.5)} points of the shift score at least 0.5 without quiet");
        Assert.Equal([300], Enumerable.Range(0, quiet.Length).Where(i => quiet[i] >= 0.5));
    }

    [Fact]
    public void Reset_ForgetsTheQuietPoints()
    {
        var detector = new AlarmSuppression(new ValueIsScore(), quiet: 5);
        AnomalyStream.Score(detector, Points(0.9));
        Assert.Equal(0.0, detector.Score(Points(0.8)[0]));

        detector.Reset();

        Assert.Equal(0, detector.Learned);
        Assert.Equal(0.8, detector.Score(Points(0.8)[0]));
    }

    [Fact]
    public void QuietBelowOne_IsRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AlarmSuppression(new ValueIsScore(), quiet: 0));

        Assert.Contains("quiet must be at least 1", e.Message);
    }
}

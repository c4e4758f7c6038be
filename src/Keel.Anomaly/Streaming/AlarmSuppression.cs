namespace Keel.Anomaly.Streaming;

/// <summary>
/// One alarm per event: another detector's score is passed on only when it is higher than every score that detector
/// gave the <see cref="Quiet"/> points before it, and is 0 otherwise. Whatever the threshold, after a point that
/// reaches it no later point is flagged for <see cref="Quiet"/> points unless it is more anomalous still, so a level
/// shift or a burst that keeps the raw score high raises one alarm, not one per point (the Numenta Anomaly Benchmark
/// charges every flagged point outside a labelled window and counts only the first inside one). Raw scores of the
/// quiet points still count, so a long run of high scores stays quiet until it ends.
/// </summary>
/// <example>
/// <code>
/// var detector = new AlarmSuppression(new WindowedGaussian(), quiet: 100);
/// var scores = AnomalyStream.Score(detector, points);   // a shift flags its first point, not the 100 after it
/// </code>
/// </example>
public sealed class AlarmSuppression : IStreamingAnomalyDetector
{
    private readonly IStreamingAnomalyDetector _inner;
    private readonly double[] _recent;
    private int _next;
    private int _count;
    private SeriesPoint? _lastScored;
    private double _lastRaw;

    /// <param name="inner">The detector whose scores are passed on.</param>
    /// <param name="quiet">How many points after a score it must exceed to be passed on (the <c>quiet</c> setting); at least 1.</param>
    public AlarmSuppression(IStreamingAnomalyDetector inner, int quiet)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        if (quiet < 1) throw new ArgumentOutOfRangeException(nameof(quiet), quiet, $"{inner.Name}: quiet must be at least 1 point; it is {quiet}.");
        _recent = new double[quiet];
    }

    public string Name => _inner.Name;

    /// <summary>The detector whose scores are passed on.</summary>
    public IStreamingAnomalyDetector Inner => _inner;

    /// <summary>How many points before a score it must exceed to be passed on.</summary>
    public int Quiet => _recent.Length;

    public long Learned => _inner.Learned;

    public double Score(SeriesPoint point)
    {
        var raw = _inner.Score(point);
        _lastScored = point;
        _lastRaw = raw;
        for (var i = 0; i < _count; i++)
            if (_recent[i] >= raw) return 0.0;
        return raw;
    }

    public void Learn(SeriesPoint point)
    {
        var raw = _lastScored == point ? _lastRaw : _inner.Score(point);
        _lastScored = null;
        _recent[_next] = raw;
        _next = (_next + 1) % _recent.Length;
        if (_count < _recent.Length) _count++;
        _inner.Learn(point);
    }

    public void Reset()
    {
        _inner.Reset();
        _next = 0;
        _count = 0;
        _lastScored = null;
    }
}

namespace Keel.Anomaly.Streaming;

/// <summary>
/// <see cref="HalfSpaceTrees"/> over one time series: each value is scaled by the minimum and maximum learned so far, as
/// River's <c>preprocessing.MinMaxScaler</c> before <c>anomaly.HalfSpaceTrees</c> (the pipeline River's docs recommend),
/// but into [h, 1 − h] with h = <see cref="SeriesHalfSpaceTreesOptions.Headroom"/> (0.25) rather than [0, 1], so that a
/// value beyond the range learned lands in cells the trees have seen empty instead of sharing the edge cell with the
/// old extreme (headroom 0 is River's pipeline exactly). A point's
/// features are its scaled value and the <see cref="SeriesHalfSpaceTreesOptions.Shingle"/> − 1 before it. Timestamps
/// are not used. Scores are the trees' (0 during the first window).
/// </summary>
/// <example>
/// <code>
/// var detector = new SeriesHalfSpaceTrees();
/// foreach (var point in points)
/// {
///     var score = detector.Score(point);
///     detector.Learn(point);
/// }
/// </code>
/// </example>
public sealed class SeriesHalfSpaceTrees : IStreamingAnomalyDetector
{
    private readonly SeriesHalfSpaceTreesOptions _options;
    private readonly HalfSpaceTrees _trees;
    private readonly double[] _recent;
    private readonly double[] _features;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    public SeriesHalfSpaceTrees(SeriesHalfSpaceTreesOptions? options = null)
    {
        _options = options ?? new SeriesHalfSpaceTreesOptions();
        var problems = _options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException($"hst: {string.Join(" ", problems)}", nameof(options));
        _trees = new HalfSpaceTrees(_options.Trees);
        _recent = new double[_options.Shingle - 1];
        _features = new double[_options.Shingle];
    }

    public string Name => "hst";

    public SeriesHalfSpaceTreesOptions Options => _options;

    public long Learned { get; private set; }

    public double Score(SeriesPoint point)
    {
        if (!double.IsFinite(point.Value)) throw new ArgumentOutOfRangeException(nameof(point), point.Value, "Half-space trees score finite values.");
        if (_trees.InFirstWindow) return 0.0;
        return _trees.Score(Features(point.Value));
    }

    public void Learn(SeriesPoint point)
    {
        if (!double.IsFinite(point.Value)) throw new ArgumentOutOfRangeException(nameof(point), point.Value, "Half-space trees learn finite values.");
        _min = Math.Min(_min, point.Value);
        _max = Math.Max(_max, point.Value);
        if (Learned == 0) Array.Fill(_recent, point.Value);
        _trees.Learn(Features(point.Value));
        if (_recent.Length > 0)
        {
            Array.Copy(_recent, 1, _recent, 0, _recent.Length - 1);
            _recent[^1] = point.Value;
        }
        Learned++;
    }

    public void Reset()
    {
        _trees.Reset();
        Array.Clear(_recent);
        _min = double.PositiveInfinity;
        _max = double.NegativeInfinity;
        Learned = 0;
    }

    /// <summary>The scaled shingle ending at <paramref name="value"/>; places before the first learned value hold that value.</summary>
    private double[] Features(double value)
    {
        for (var i = 0; i < _recent.Length; i++) _features[i] = Scale(_recent[i]);
        _features[^1] = Scale(value);
        return _features;
    }

    /// <summary>Min-max scaling into [h, 1 − h]: h + (1 − 2h)(x − min) / (max − min), and h while max equals min (River's 0 when h is 0).</summary>
    private double Scale(double x)
    {
        var h = _options.Headroom;
        return _max > _min ? h + (1 - 2 * h) * (x - _min) / (_max - _min) : h;
    }
}

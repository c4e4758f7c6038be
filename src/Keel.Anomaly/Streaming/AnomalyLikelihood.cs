using MathNet.Numerics;

namespace Keel.Anomaly.Streaming;

/// <summary>
/// The anomaly likelihood of Ahmad, Lavin, Purdy and Agha (2017, "Unsupervised real-time anomaly detection for
/// streaming data", Neurocomputing): another detector's raw scores are judged against their own recent history. The
/// mean μ and standard deviation σ of the last <see cref="AnomalyLikelihoodOptions.Window"/> raw scores describe what is
/// usual for this series; the average μ̃ of the latest <see cref="AnomalyLikelihoodOptions.Average"/> (this point's
/// included) is compared with them: L = 1 − Q((μ̃ − μ) / σ), Q the normal tail. A series whose raw scores are often
/// high (noisy, heavy-tailed) needs a larger excursion to be flagged than a quiet one, and one odd point among usual
/// ones moves μ̃ less than a run of them. As L crowds towards 1, the score reported is on a log scale:
/// min(1, −log10(1 − L + 10⁻¹⁰) / 10), so 0.5 means a tail of 10⁻⁵ (the paper's threshold) and 1 a tail of 10⁻¹⁰.
/// Scores are 0 until <see cref="AnomalyLikelihoodOptions.LearningPeriod"/> raw scores have been seen.
/// </summary>
/// <example>
/// <code>
/// var detector = new AnomalyLikelihood(new RobustSeasonalBaseline());
/// var scores = AnomalyStream.Score(detector, points);   // ≥ 0.5: a tail of 1 in 100,000
/// </code>
/// </example>
public sealed class AnomalyLikelihood : IStreamingAnomalyDetector
{
    private readonly IStreamingAnomalyDetector _inner;
    private readonly AnomalyLikelihoodOptions _options;
    private readonly double[] _history;
    private int _next;
    private int _count;
    private double _sum;
    private double _sumSquares;
    private SeriesPoint? _lastScored;
    private double _lastRaw;

    public AnomalyLikelihood(IStreamingAnomalyDetector inner, AnomalyLikelihoodOptions? options = null)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _options = options ?? new AnomalyLikelihoodOptions();
        var problems = _options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException($"{inner.Name}: {string.Join(" ", problems)}", nameof(options));
        _history = new double[_options.Window];
    }

    public string Name => _inner.Name;

    /// <summary>The detector whose raw scores are judged.</summary>
    public IStreamingAnomalyDetector Inner => _inner;

    public AnomalyLikelihoodOptions Options => _options;

    public long Learned => _inner.Learned;

    public double Score(SeriesPoint point)
    {
        var raw = _inner.Score(point);
        _lastScored = point;
        _lastRaw = raw;
        if (_count < _options.LearningPeriod) return 0.0;
        var mean = _sum / _count;
        var variance = Math.Max(0.0, _sumSquares / _count - mean * mean);
        // A floor on σ keeps a series whose raw scores never moved from flagging the smallest change as certain.
        var sigma = Math.Max(Math.Sqrt(variance), 1e-3);
        var recent = raw;
        var take = Math.Min(_options.Average - 1, _count);
        for (var k = 1; k <= take; k++) recent += _history[(_next - k + _history.Length) % _history.Length];
        recent /= take + 1;
        var tail = 0.5 * SpecialFunctions.Erfc((recent - mean) / sigma / Math.Sqrt(2));
        return Math.Clamp(-Math.Log10(tail + 1e-10) / 10, 0.0, 1.0);
    }

    public void Learn(SeriesPoint point)
    {
        var raw = _lastScored == point ? _lastRaw : _inner.Score(point);
        _lastScored = null;
        if (_count == _history.Length)
        {
            var old = _history[_next];
            _sum -= old;
            _sumSquares -= old * old;
        }
        else _count++;
        _history[_next] = raw;
        _sum += raw;
        _sumSquares += raw * raw;
        _next = (_next + 1) % _history.Length;
        _inner.Learn(point);
    }

    public void Reset()
    {
        _inner.Reset();
        _next = 0;
        _count = 0;
        _sum = 0;
        _sumSquares = 0;
        _lastScored = null;
    }
}

using MathNet.Numerics.Distributions;

namespace Keel.Anomaly.Streaming;

/// <summary>
/// Relative entropy against multiple hypotheses (Wang, Viswanathan, Lakshminarayanan, Talwar, Satterfield and Schwan
/// 2011, "Statistical techniques for online anomaly detection in data centers", IM; Figure 1), as NAB's
/// <c>relative_entropy</c> detector implements it (numenta/NAB, <c>nab/detectors/relative_entropy</c>). The values are
/// cut into <see cref="RelativeEntropyOptions.Bins"/> equal-width bins, and the histogram P̂ of the latest
/// <see cref="RelativeEntropyOptions.Window"/> values (this point's included) is tested against every reference
/// histogram Pᵢ kept so far with the G statistic 2·W·KL(P̂ ‖ Pᵢ), which is χ² with bins − 1 degrees of freedom when P̂
/// is drawn from Pᵢ. A window that no reference accepts at <see cref="RelativeEntropyOptions.Confidence"/> becomes a
/// reference itself once learned, so a new regime is flagged when it starts and is usual once it recurs. The score is
/// the χ² distribution function of the smallest statistic, F(minᵢ G), in [0, 1]: at least the confidence (0.99)
/// exactly when every reference disagrees (NAB's detector then reports 1, otherwise 0). Unlike NAB's detector, which
/// is given each file's minimum and maximum before it starts, the bins span the range learned so far; when the range
/// grows, every reference is binned again from the values it was made of. Nothing is scored (0) before a full window
/// has been learned, or while every value learned is equal.
/// </summary>
/// <example>
/// <code>
/// var detector = new RelativeEntropy();                 // 5 bins, windows of 52, 99 % confidence
/// var scores = AnomalyStream.Score(detector, points);   // ≥ 0.99: the latest window fits no distribution seen before
/// </code>
/// </example>
public sealed class RelativeEntropy : IStreamingAnomalyDetector
{
    private readonly RelativeEntropyOptions _options;
    private readonly double[] _recent;
    private readonly List<double[]> _referenceValues = [];
    private readonly List<double[]> _references = [];
    private readonly double[] _histogram;
    private readonly double _critical;
    private int _next;
    private int _count;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    public RelativeEntropy(RelativeEntropyOptions? options = null)
    {
        _options = options ?? new RelativeEntropyOptions();
        var problems = _options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException($"entropy: {string.Join(" ", problems)}", nameof(options));
        _recent = new double[_options.Window];
        _histogram = new double[_options.Bins];
        _critical = ChiSquared.InvCDF(_options.Bins - 1, _options.Confidence);
    }

    public string Name => "entropy";

    public RelativeEntropyOptions Options => _options;

    public long Learned { get; private set; }

    /// <summary>How many reference distributions the detector keeps.</summary>
    public int References => _references.Count;

    public double Score(SeriesPoint point)
    {
        if (!double.IsFinite(point.Value)) throw new ArgumentOutOfRangeException(nameof(point), point.Value, "Relative entropy scores finite values.");
        if (_count < _options.Window - 1 || _references.Count == 0 || !(_max > _min)) return 0.0;
        WindowHistogram(point.Value, _histogram);
        return ChiSquared.CDF(_options.Bins - 1, SmallestStatistic(_histogram));
    }

    public void Learn(SeriesPoint point)
    {
        if (!double.IsFinite(point.Value)) throw new ArgumentOutOfRangeException(nameof(point), point.Value, "Relative entropy learns finite values.");
        var widened = point.Value < _min || point.Value > _max;
        _min = Math.Min(_min, point.Value);
        _max = Math.Max(_max, point.Value);
        if (widened) for (var i = 0; i < _references.Count; i++) Histogram(_referenceValues[i], _references[i]);
        if (_count >= _options.Window - 1 && _max > _min)
        {
            var histogram = new double[_options.Bins];
            WindowHistogram(point.Value, histogram);
            if (_references.Count == 0 || SmallestStatistic(histogram) >= _critical)
            {
                var values = new double[_options.Window];
                for (var k = 0; k < _options.Window - 1; k++) values[k] = _recent[(_next - _options.Window + 1 + k + 2 * _recent.Length) % _recent.Length];
                values[^1] = point.Value;
                _referenceValues.Add(values);
                _references.Add(histogram);
            }
        }
        _recent[_next] = point.Value;
        _next = (_next + 1) % _recent.Length;
        if (_count < _recent.Length) _count++;
        Learned++;
    }

    public void Reset()
    {
        Array.Clear(_recent);
        _referenceValues.Clear();
        _references.Clear();
        _next = 0;
        _count = 0;
        _min = double.PositiveInfinity;
        _max = double.NegativeInfinity;
        Learned = 0;
    }

    /// <summary>The G statistic 2·n·KL(observed ‖ expected) of frequencies <paramref name="observed"/> out of <paramref name="n"/> values; +∞ when a bin observed is impossible under <paramref name="expected"/>.</summary>
    public static double GStatistic(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected, int n)
    {
        var divergence = 0.0;
        for (var b = 0; b < observed.Length; b++)
        {
            if (observed[b] == 0) continue;
            if (expected[b] == 0) return double.PositiveInfinity;
            divergence += observed[b] * Math.Log(observed[b] / expected[b]);
        }
        return 2 * n * Math.Max(0.0, divergence);
    }

    private double SmallestStatistic(double[] histogram)
    {
        var smallest = double.PositiveInfinity;
        foreach (var reference in _references) smallest = Math.Min(smallest, GStatistic(histogram, reference, _options.Window));
        return smallest;
    }

    /// <summary>The relative frequencies, per bin, of the latest Window − 1 values learned and <paramref name="value"/>.</summary>
    private void WindowHistogram(double value, double[] histogram)
    {
        Array.Clear(histogram);
        for (var k = 1; k < _options.Window; k++) histogram[Bin(_recent[(_next - k + _recent.Length) % _recent.Length])]++;
        histogram[Bin(value)]++;
        for (var b = 0; b < histogram.Length; b++) histogram[b] /= _options.Window;
    }

    private void Histogram(double[] values, double[] histogram)
    {
        Array.Clear(histogram);
        foreach (var v in values) histogram[Bin(v)]++;
        for (var b = 0; b < histogram.Length; b++) histogram[b] /= values.Length;
    }

    /// <summary>floor((x − min) / step) with step = (max − min) / bins, the maximum in the last bin; values outside the range go to the nearest end.</summary>
    private int Bin(double x)
    {
        if (!(_max > _min)) return 0;
        var bin = (int)Math.Floor((x - _min) / (_max - _min) * _options.Bins);
        return Math.Clamp(bin, 0, _options.Bins - 1);
    }
}

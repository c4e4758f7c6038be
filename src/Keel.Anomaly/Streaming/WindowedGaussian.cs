using MathNet.Numerics;

namespace Keel.Anomaly.Streaming;

/// <summary>
/// A windowed Gaussian, the baseline detector of the Numenta Anomaly Benchmark (numenta/NAB,
/// <c>nab/detectors/gaussian/windowedGaussian_detector.py</c>): the mean μ and the (population) standard deviation σ of
/// the last <see cref="WindowedGaussianOptions.Window"/> values describe what is usual, and a point is judged by the
/// two-sided tail probability of its z-score under that normal distribution, p = P(|Z| ≥ |x − μ| / σ) = erfc(|z| / √2).
/// The score is that probability on a log scale, the scale of Numenta's anomaly likelihood:
/// score = min(1, −log₁₀(p) / 10), so a score s means a tail of 10^(−10·s): 0.2 is 1 in 100 (|z| ≈ 2.58), 0.5 is 1 in
/// 100,000 (|z| ≈ 4.42), 0.9 is 10⁻⁹ (|z| ≈ 6.11), and 1 is a tail of 10⁻¹⁰ or less (|z| ≥ 6.47). Being a probability,
/// the score means the same on every series, which a threshold shared by many series needs. With
/// <see cref="GaussianInput.Change"/> the first differences are judged instead of the values. A window whose values
/// are all equal scores its value 0 and any other value 1; nothing is scored (0) before
/// <see cref="WindowedGaussianOptions.WarmUp"/> points.
/// </summary>
/// <example>
/// <code>
/// var detector = new WindowedGaussian(new WindowedGaussianOptions { Window = 1000 });
/// foreach (var point in points)
/// {
///     var score = detector.Score(point);   // 0.5: a tail probability of 1e-5
///     detector.Learn(point);
///     if (score >= 0.5) Console.WriteLine($"{point.Timestamp:u}: {point.Value}");
/// }
/// </code>
/// </example>
public sealed class WindowedGaussian : IStreamingAnomalyDetector
{
    private readonly WindowedGaussianOptions _options;
    private readonly double[] _window;
    private int _next;
    private int _count;
    private int _sinceExact;
    private double _shift;
    private double _sum;
    private double _sumSquares;
    private double _previous;

    public WindowedGaussian(WindowedGaussianOptions? options = null)
    {
        _options = options ?? new WindowedGaussianOptions();
        var problems = _options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException($"gaussian: {string.Join(" ", problems)}", nameof(options));
        _window = new double[_options.Window];
    }

    public string Name => "gaussian";

    public WindowedGaussianOptions Options => _options;

    public long Learned { get; private set; }

    public double Score(SeriesPoint point)
    {
        if (!double.IsFinite(point.Value)) throw new ArgumentOutOfRangeException(nameof(point), point.Value, "The windowed Gaussian scores finite values.");
        if (Learned < _options.WarmUp || _count == 0) return 0.0;
        var (mean, sigma) = Estimate();
        var deviation = Math.Abs(Input(point.Value) - mean);
        if (deviation == 0) return 0.0;
        return sigma > 0 ? TailScore(deviation / sigma) : 1.0;
    }

    /// <summary>The window's mean and population standard deviation (NumPy's <c>np.mean</c>, <c>np.std</c>); (NaN, NaN) while it is empty.</summary>
    public (double Mean, double StandardDeviation) Estimate()
    {
        if (_count == 0) return (double.NaN, double.NaN);
        var mean = _sum / _count;
        var meanSquare = _sumSquares / _count;
        var variance = meanSquare - mean * mean;
        // A variance below 1e-12 of the mean square it was computed from is rounding, not spread.
        return (_shift + mean, variance > 1e-12 * meanSquare ? Math.Sqrt(variance) : 0.0);
    }

    public void Learn(SeriesPoint point)
    {
        if (!double.IsFinite(point.Value)) throw new ArgumentOutOfRangeException(nameof(point), point.Value, "The windowed Gaussian learns finite values.");
        var input = Input(point.Value);
        _previous = point.Value;
        Learned++;
        if (_options.Input == GaussianInput.Change && Learned == 1) return;
        if (_count == 0) _shift = input;
        var shifted = input - _shift;
        if (_count == _window.Length)
        {
            var old = _window[_next];
            _sum -= old;
            _sumSquares -= old * old;
        }
        else _count++;
        _window[_next] = shifted;
        _sum += shifted;
        _sumSquares += shifted * shifted;
        _next = (_next + 1) % _window.Length;
        // Running sums drift as values come and go; every window's worth they are summed afresh around the current mean.
        if (++_sinceExact >= _window.Length) Recompute();
    }

    public void Reset()
    {
        Array.Clear(_window);
        _next = 0;
        _count = 0;
        _sinceExact = 0;
        _shift = 0;
        _sum = 0;
        _sumSquares = 0;
        _previous = 0;
        Learned = 0;
    }

    /// <summary>The score of a z-score: min(1, −log₁₀(erfc(|z| / √2)) / 10), the two-sided normal tail on a log scale; 0 at z = 0, 1 from |z| ≈ 6.47.</summary>
    public static double TailScore(double z)
    {
        if (double.IsNaN(z)) throw new ArgumentOutOfRangeException(nameof(z), z, "A z-score is a number.");
        var tail = SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));
        if (tail <= 0) return 1.0;
        return Math.Clamp(-Math.Log10(tail) / 10, 0.0, 1.0);
    }

    private double Input(double value) => _options.Input == GaussianInput.Change ? value - _previous : value;

    private void Recompute()
    {
        var mean = _sum / _count;
        for (var i = 0; i < _count; i++) _window[i] -= mean;
        _shift += mean;
        _sum = 0;
        _sumSquares = 0;
        for (var i = 0; i < _count; i++)
        {
            _sum += _window[i];
            _sumSquares += _window[i] * _window[i];
        }
        _sinceExact = 0;
    }
}

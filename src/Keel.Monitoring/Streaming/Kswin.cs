using Keel.Learn.Sampling;

namespace Keel.Monitoring.Streaming;

/// <summary>
/// KSWIN, Kolmogorov-Smirnov windowing (Raab, Heusinger and Schleif 2020, "Reactive Soft Prototype Computing for
/// Concept Drift Streams", Neurocomputing 416): keeps a sliding window of the last <see cref="KswinOptions.WindowSize"/>
/// values; once it is full, every update draws <see cref="KswinOptions.StatSize"/> of the older values at random
/// without replacement and tests them against the <see cref="KswinOptions.StatSize"/> newest with the two-sample
/// Kolmogorov-Smirnov test; a p-value at most alpha with a statistic above 0.1 is a drift. Matches River's
/// <c>river.drift.KSWIN</c> with the same seed value for value: the draws are CPython's <c>random.Random(seed).sample</c>,
/// the test is SciPy's <c>ks_2samp</c> (exact), and the update after a drift starts afresh, reseeded. Defines no
/// warning zone. River's option of a prefilled window is not offered.
/// </summary>
/// <example>
/// River's docstring example (<c>river/drift/kswin.py</c>), with alpha 0.0001 and seed 42: 1,000 values drawn from
/// {0, 1}, then 1,000 from {4, 5, 6, 7} (<c>random.Random(12345)</c>; tests/Keel.Monitoring.Tests/Fixtures/streaming_seed12345_two_distributions.json):
/// <code>
/// var kswin = new Kswin(new KswinOptions { Alpha = 0.0001, Seed = 42 });
/// for (var i = 0; i &lt; stream.Length; i++)
/// {
///     kswin.Update(stream[i]);
///     if (kswin.DriftDetected) Console.WriteLine($"Change detected at index {i}");
/// }
/// // Change detected at index 1016
/// </code>
/// </example>
public sealed class Kswin : IDriftDetector
{
    private readonly KswinOptions _options;
    private readonly double[] _window;
    private readonly double[] _drawn;
    private readonly double[] _newest;
    private int _start;
    private int _count;
    private MersenneTwister _random = null!;

    public Kswin(KswinOptions? options = null)
    {
        _options = options ?? new KswinOptions();
        var problems = _options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException($"KSWIN: {string.Join(" ", problems)}", nameof(options));
        _window = new double[_options.WindowSize];
        _drawn = new double[_options.StatSize];
        _newest = new double[_options.StatSize];
        Reset();
    }

    public string Name => "kswin";

    public bool DriftDetected { get; private set; }

    /// <summary>KSWIN defines no warning zone: always false.</summary>
    public bool WarningDetected => false;

    /// <summary>The p-value of the last test (0 before the window first fills, as in River).</summary>
    public double PValue { get; private set; }

    public void Update(double x)
    {
        if (!double.IsFinite(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "KSWIN takes finite values.");
        if (DriftDetected) Reset();
        Append(x);
        DriftDetected = false;
        if (_count < _window.Length) return;
        var older = _window.Length - _drawn.Length;
        var picks = _random.Sample(older, _drawn.Length);
        for (var i = 0; i < picks.Length; i++) _drawn[i] = At(picks[i]);
        for (var i = 0; i < _newest.Length; i++) _newest[i] = At(older + i);
        (var statistic, PValue) = SmirnovDistribution.TwoSidedTest(_drawn, _newest);
        DriftDetected = PValue <= _options.Alpha && statistic > 0.1;
    }

    public void Reset()
    {
        _start = 0;
        _count = 0;
        _random = new MersenneTwister(_options.Seed);
        PValue = 0;
        DriftDetected = false;
    }

    /// <summary>The window's i-th value, oldest first.</summary>
    private double At(int i) => _window[(_start + i) % _window.Length];

    private void Append(double x)
    {
        if (_count < _window.Length) _window[(_start + _count++) % _window.Length] = x;
        else
        {
            _window[_start] = x;
            _start = (_start + 1) % _window.Length;
        }
    }
}

namespace Keel.Monitoring.Streaming;

/// <summary>
/// HDDM_A, drift detection with Hoeffding's bounds and the moving-average test (Frías-Blanco, del Campo-Ávila,
/// Ramos-Jiménez, Morales-Bueno, Ortiz-Díaz and Caballero-Mota 2015, "Online and Non-Parametric Drift Detection
/// Methods Based on Hoeffding's Bounds", IEEE TKDE 27(3)): watches a stream in [0, 1] (1 an error). It keeps the
/// global mean Z and the prefix mean X where X + ε_X was lowest (ε = √(ln(1/δ_drift) / 2n)); Z − X beyond
/// √(m/2 · ln(2/δ)), m = (n_Z − n_X)/(n_X n_Z), is a drift at δ_drift or a warning at δ_warning; the two-sided test also
/// watches the prefix where the mean was highest. Matches River's <c>river.drift.binary.HDDM_A</c> (after MOA),
/// including that the update after a drift starts afresh.
/// </summary>
/// <example>
/// River's docstring example (<c>river/drift/binary/hddm_a.py</c>): 1,000 fair coin flips, then 1,000 with 70% ones
/// (<c>random.Random(42)</c>; tests/Keel.Monitoring.Tests/Fixtures/streaming_seed42_error_rate_increase.json),
/// printing the first warning after the start and after each drift:
/// <code>
/// var hddm = new HddmA();
/// var printWarning = true;
/// for (var i = 0; i &lt; stream.Length; i++)
/// {
///     hddm.Update(stream[i]);
///     if (hddm.WarningDetected &amp;&amp; printWarning) { Console.WriteLine($"Warning detected at index {i}"); printWarning = false; }
///     if (hddm.DriftDetected) { Console.WriteLine($"Change detected at index {i}"); printWarning = true; }
/// }
/// // Warning detected at index 451
/// // Change detected at index 1206
/// </code>
/// </example>
public sealed class HddmA : IDriftDetector
{
    private readonly HddmAOptions _options;
    private RunningMean _all;
    private RunningMean _lowest;
    private RunningMean _highest;

    public HddmA(HddmAOptions? options = null)
    {
        _options = options ?? new HddmAOptions();
        var problems = _options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException($"HDDM_A: {string.Join(" ", problems)}", nameof(options));
        Reset();
    }

    public string Name => "hddm-a";

    public bool DriftDetected { get; private set; }

    public bool WarningDetected { get; private set; }

    /// <summary>Takes the next value in [0, 1]: 1 an error, 0 a correct prediction.</summary>
    public void Update(double x)
    {
        if (!(x is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(x), x, "HDDM_A watches a stream in [0, 1]: give 1 for an error and 0 for a correct prediction.");
        if (DriftDetected) Reset();
        _all.Update(x);
        if (_lowest.Count == 0) _lowest = _all;
        if (_highest.Count == 0) _highest = _all;

        var boundAll = HoeffdingBound(_all.Count);
        if (_lowest.Mean + HoeffdingBound(_lowest.Count) >= _all.Mean + boundAll) _lowest = _all;
        if (_highest.Mean - HoeffdingBound(_highest.Count) <= _all.Mean - boundAll) _highest = _all;

        if (Increased(_options.DriftConfidence)) (WarningDetected, DriftDetected) = (false, true);
        else if (Increased(_options.WarningConfidence)) (WarningDetected, DriftDetected) = (true, false);
        else (WarningDetected, DriftDetected) = (false, false);

        if (_options.TwoSidedTest)
        {
            if (Decreased(_options.DriftConfidence)) DriftDetected = true;
            else if (Decreased(_options.WarningConfidence)) WarningDetected = true;
        }
    }

    public void Reset()
    {
        _all = default;
        _lowest = default;
        _highest = default;
        DriftDetected = false;
        WarningDetected = false;
    }

    private double HoeffdingBound(double n) => Math.Sqrt(1.0 / (2 * n) * Math.Log(1.0 / _options.DriftConfidence));

    private bool Increased(double confidence) => _lowest.Count != _all.Count && _all.Mean - _lowest.Mean >= Bound(_lowest.Count, confidence);

    private bool Decreased(double confidence) => _highest.Count != _all.Count && _highest.Mean - _all.Mean >= Bound(_highest.Count, confidence);

    private double Bound(double prefix, double confidence)
    {
        var m = (_all.Count - prefix) / prefix * (1.0 / _all.Count);
        return Math.Sqrt(m / 2 * Math.Log(2.0 / confidence));
    }
}

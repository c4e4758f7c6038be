namespace Keel.Monitoring.Streaming;

/// <summary>
/// DDM, the drift detection method (Gama, Medas, Castillo and Rodrigues 2004, "Learning with Drift Detection", SBIA):
/// watches a model's error stream (1 an error, 0 a correct prediction). With p the error rate so far and
/// s = √(p(1 − p)/n), it remembers p_min and s_min where p + s was smallest; past the warm start, p + s above
/// p_min + 2 s_min is a warning and above p_min + 3 s_min a drift. Matches River's <c>river.drift.binary.DDM</c>,
/// including that a drift clears the warning and that the update after a drift starts afresh.
/// </summary>
/// <example>
/// River's docstring example (<c>river/drift/binary/ddm.py</c>): 1,000 fair coin flips, then 1,000 with 70% ones
/// (<c>random.Random(42)</c>; tests/Keel.Monitoring.Tests/Fixtures/streaming_seed42_error_rate_increase.json),
/// printing the first warning after the start and after each drift:
/// <code>
/// var ddm = new Ddm();
/// var printWarning = true;
/// for (var i = 0; i &lt; stream.Length; i++)
/// {
///     ddm.Update(stream[i]);
///     if (ddm.WarningDetected &amp;&amp; printWarning) { Console.WriteLine($"Warning detected at index {i}"); printWarning = false; }
///     if (ddm.DriftDetected) { Console.WriteLine($"Change detected at index {i}"); printWarning = true; }
/// }
/// // Warning detected at index 1084
/// // Change detected at index 1334
/// // Warning detected at index 1492
/// </code>
/// </example>
public sealed class Ddm : IDriftDetector
{
    private readonly DdmOptions _options;
    private RunningMean _errorRate;
    private double _pMin;
    private double _sMin;
    private double _psMin;

    public Ddm(DdmOptions? options = null)
    {
        _options = options ?? new DdmOptions();
        var problems = _options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException($"DDM: {string.Join(" ", problems)}", nameof(options));
        Reset();
    }

    public string Name => "ddm";

    public bool DriftDetected { get; private set; }

    public bool WarningDetected { get; private set; }

    /// <summary>Takes the next outcome: 1 an error, 0 a correct prediction (a value in between is a partial error).</summary>
    public void Update(double x)
    {
        if (!(x is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(x), x, "DDM watches an error stream: give 1 for an error and 0 for a correct prediction.");
        if (DriftDetected) Reset();
        _errorRate.Update(x);
        var p = _errorRate.Mean;
        var n = _errorRate.Count;
        var s = Math.Sqrt(p * (1 - p) / n);
        if (n > _options.WarmStart)
        {
            if (p + s <= _psMin)
            {
                _pMin = p;
                _sMin = s;
                _psMin = _pMin + _sMin;
            }
            WarningDetected = p + s > _pMin + _options.WarningThreshold * _sMin;
            if (p + s > _pMin + _options.DriftThreshold * _sMin)
            {
                DriftDetected = true;
                WarningDetected = false;
            }
        }
    }

    public void Reset()
    {
        _errorRate = default;
        _pMin = double.NaN;
        _sMin = double.NaN;
        _psMin = double.PositiveInfinity;
        DriftDetected = false;
        WarningDetected = false;
    }
}

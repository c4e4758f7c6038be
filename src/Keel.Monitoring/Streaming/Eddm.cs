namespace Keel.Monitoring.Streaming;

/// <summary>
/// EDDM, the early drift detection method (Baena-García, del Campo-Ávila, Fidalgo, Bifet, Gavaldà and Morales-Bueno
/// 2006, "Early Drift Detection Method", IWKDDS): watches the distance between consecutive errors of an error stream
/// (1 an error, 0 a correct prediction). With p′ and s′ the mean and standard deviation of those distances, it keeps
/// the largest p′ + 2s′; once both the values and the errors exceed the warm start, (p′ + 2s′) / max below beta is a
/// drift and below alpha a warning. Matches River's <c>river.drift.binary.EDDM</c>, including that a drift leaves the
/// warning as it was and that the update after a drift starts afresh.
/// </summary>
/// <example>
/// River's docstring example (<c>river/drift/binary/eddm.py</c>), with alpha 0.8 and beta 0.75: 1,000 fair coin flips,
/// then 1,000 with 70% ones (<c>random.Random(42)</c>; tests/Keel.Monitoring.Tests/Fixtures/streaming_seed42_error_rate_increase.json),
/// printing the first warning after the start and after each drift:
/// <code>
/// var eddm = new Eddm(new EddmOptions { Alpha = 0.8, Beta = 0.75 });
/// var printWarning = true;
/// for (var i = 0; i &lt; stream.Length; i++)
/// {
///     eddm.Update(stream[i]);
///     if (eddm.WarningDetected &amp;&amp; printWarning) { Console.WriteLine($"Warning detected at index {i}"); printWarning = false; }
///     if (eddm.DriftDetected) { Console.WriteLine($"Change detected at index {i}"); printWarning = true; }
/// }
/// // Warning detected at index 1059
/// // Change detected at index 1278
/// </code>
/// </example>
public sealed class Eddm : IDriftDetector
{
    private readonly EddmOptions _options;
    private RunningVariance _distances;
    private long _n;
    private long _lastError;
    private long _errors;
    private double _largest;

    public Eddm(EddmOptions? options = null)
    {
        _options = options ?? new EddmOptions();
        var problems = _options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException($"EDDM: {string.Join(" ", problems)}", nameof(options));
        Reset();
    }

    public string Name => "eddm";

    public bool DriftDetected { get; private set; }

    public bool WarningDetected { get; private set; }

    /// <summary>Takes the next outcome: 1 an error, 0 a correct prediction.</summary>
    public void Update(double x)
    {
        if (x is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(x), x, "EDDM watches an error stream: give 1 for an error and 0 for a correct prediction.");
        if (DriftDetected) Reset();
        _n++;
        if (x != 1) return;
        _errors++;
        _distances.Update(_n - _lastError);
        if (_n > _options.WarmStart)
        {
            var statistic = _distances.Mean + 2 * Math.Pow(_distances.Variance, 0.5);
            if (statistic > _largest) _largest = statistic;
            else if (_errors > _options.WarmStart)
            {
                var level = statistic / _largest;
                if (level < _options.Beta) DriftDetected = true;
                else WarningDetected = level < _options.Alpha;
            }
        }
        _lastError = _n;
    }

    public void Reset()
    {
        _distances = default;
        _n = 0;
        _lastError = 0;
        _errors = 0;
        _largest = -1;
        DriftDetected = false;
        WarningDetected = false;
    }
}

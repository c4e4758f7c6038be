namespace Keel.Monitoring.Streaming;

/// <summary>
/// The Page-Hinkley test (Page 1954, "Continuous Inspection Schemes", Biometrika; two-sided as in Sebastião and
/// Fernandes 2017): with x̄ the running mean, it accumulates the deviations x − x̄ − δ (for increases) and
/// x − x̄ + δ (for decreases), each faded by α, and signals a drift once either sum has moved more than λ from its
/// extreme, after the first <see cref="PageHinkleyOptions.MinInstances"/> values. Matches River's
/// <c>river.drift.PageHinkley</c>, including that the update after a drift starts afresh. Defines no warning zone.
/// </summary>
/// <example>
/// River's docstring example (<c>river/drift/page_hinkley.py</c>): 1,000 values drawn from {0, 1}, then 1,000 from
/// {4, 5, 6, 7} (<c>random.Random(12345)</c>; tests/Keel.Monitoring.Tests/Fixtures/streaming_seed12345_two_distributions.json):
/// <code>
/// var ph = new PageHinkley();
/// for (var i = 0; i &lt; stream.Length; i++)
/// {
///     ph.Update(stream[i]);
///     if (ph.DriftDetected) Console.WriteLine($"Change detected at index {i}");
/// }
/// // Change detected at index 1006
/// </code>
/// </example>
public sealed class PageHinkley : IDriftDetector
{
    private readonly PageHinkleyOptions _options;
    private RunningMean _mean;
    private double _sumIncrease;
    private double _sumDecrease;
    private double _minIncrease;
    private double _maxDecrease;

    public PageHinkley(PageHinkleyOptions? options = null)
    {
        _options = options ?? new PageHinkleyOptions();
        var problems = _options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException($"Page-Hinkley: {string.Join(" ", problems)}", nameof(options));
        Reset();
    }

    public string Name => "page-hinkley";

    public bool DriftDetected { get; private set; }

    /// <summary>Page-Hinkley defines no warning zone: always false.</summary>
    public bool WarningDetected => false;

    public void Update(double x)
    {
        if (!double.IsFinite(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "Page-Hinkley takes finite values.");
        if (DriftDetected) Reset();
        _mean.Update(x);
        var deviation = x - _mean.Mean;
        _sumIncrease = _options.Alpha * _sumIncrease + deviation - _options.Delta;
        _sumDecrease = _options.Alpha * _sumDecrease + deviation + _options.Delta;
        if (_sumIncrease < _minIncrease) _minIncrease = _sumIncrease;
        if (_sumDecrease > _maxDecrease) _maxDecrease = _sumDecrease;
        if (_mean.Count >= _options.MinInstances)
        {
            var increase = _sumIncrease - _minIncrease > _options.Threshold;
            var decrease = _maxDecrease - _sumDecrease > _options.Threshold;
            DriftDetected = _options.Mode switch
            {
                PageHinkleyMode.Up => increase,
                PageHinkleyMode.Down => decrease,
                _ => increase || decrease,
            };
        }
    }

    public void Reset()
    {
        _mean = default;
        _sumIncrease = 0.0;
        _sumDecrease = 0.0;
        _minIncrease = double.PositiveInfinity;
        // River starts the largest decrease sum at −1, not −∞; kept, since it decides the first comparisons.
        _maxDecrease = -1;
        DriftDetected = false;
    }
}

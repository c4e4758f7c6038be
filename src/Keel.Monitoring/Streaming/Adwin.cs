namespace Keel.Monitoring.Streaming;

/// <summary>
/// ADWIN, adaptive windowing (Bifet and Gavaldà 2007, "Learning from Time-Changing Data with Adaptive Windowing",
/// SDM; ADWIN2's exponential histogram): keeps a window of recent values in buckets of 1, 2, 4, ... values and,
/// every <see cref="AdwinOptions.Clock"/> values, tests every cut of the window into an older part W₀ and a newer part
/// W₁; when |mean(W₀) − mean(W₁)| exceeds ε = √(2 m⁻¹ σ² δ′) + ⅔ δ′ m⁻¹ (δ′ = ln(2 ln|W| / δ),
/// m⁻¹ = 1/(n₀ − L + 1) + 1/(n₁ − L + 1), L the minimum subwindow length, σ² the window's variance) it drops the
/// oldest bucket and tests again, and reports a drift. Matches River's <c>river.drift.ADWIN</c> (adwin_c.pyx) step
/// for step, including that the update after a drift starts from an empty window. Takes any real values.
/// </summary>
/// <example>
/// River's docstring example (<c>river/drift/adwin.py</c>): a stream of 1,000 values drawn from {0, 1}, then 1,000
/// from {4, 5, 6, 7} (<c>random.Random(12345)</c>; tests/Keel.Monitoring.Tests/Fixtures/streaming_seed12345_two_distributions.json):
/// <code>
/// var adwin = new Adwin();
/// for (var i = 0; i &lt; stream.Length; i++)
/// {
///     adwin.Update(stream[i]);
///     if (adwin.DriftDetected) Console.WriteLine($"Change detected at index {i}");
/// }
/// // Change detected at index 1023
/// </code>
/// </example>
public sealed class Adwin : IDriftDetector
{
    private readonly AdwinOptions _options;
    private readonly List<AdwinBucketRow> _rows = [];
    private double _total;
    private double _variance;
    private double _width;
    private long _tick;

    public Adwin(AdwinOptions? options = null)
    {
        _options = options ?? new AdwinOptions();
        var problems = _options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException($"ADWIN: {string.Join(" ", problems)}", nameof(options));
        Reset();
    }

    public string Name => "adwin";

    public bool DriftDetected { get; private set; }

    /// <summary>ADWIN defines no warning zone: always false.</summary>
    public bool WarningDetected => false;

    /// <summary>The number of values in the window.</summary>
    public double Width => _width;

    /// <summary>The mean of the values in the window (0 when it is empty).</summary>
    public double Estimation => _width == 0 ? 0.0 : _total / _width;

    public void Update(double x)
    {
        if (!double.IsFinite(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "ADWIN takes finite values.");
        if (DriftDetected) Reset();
        Insert(x);
        DriftDetected = DetectChange();
    }

    public void Reset()
    {
        _rows.Clear();
        _rows.Add(new AdwinBucketRow(_options.MaxBuckets));
        _total = 0;
        _variance = 0;
        _width = 0;
        _tick = 0;
        DriftDetected = false;
    }

    private static double BucketSize(int row) => Math.ScaleB(1.0, row);

    private void Insert(double x)
    {
        _rows[0].Add(x, 0.0);
        _width += 1;
        var increment = 0.0;
        if (_width > 1.0)
        {
            var deviation = x - _total / (_width - 1.0);
            increment = (_width - 1.0) * deviation * deviation / _width;
        }
        _variance += increment;
        _total += x;
        Compress();
    }

    /// <summary>A row holding M + 1 buckets merges its two oldest into one bucket of the next row, and so on up.</summary>
    private void Compress()
    {
        for (var row = 0; row < _rows.Count; row++)
        {
            var bucket = _rows[row];
            if (bucket.Count != _options.MaxBuckets + 1) break;
            if (row + 1 == _rows.Count) _rows.Add(new AdwinBucketRow(_options.MaxBuckets));
            var next = _rows[row + 1];
            var size = BucketSize(row);
            var mean1 = bucket.Total(0) / size;
            var mean2 = bucket.Total(1) / size;
            var total = bucket.Total(0) + bucket.Total(1);
            var between = size * 0.5 * (mean1 - mean2) * (mean1 - mean2);
            next.Add(total, bucket.Variance(0) + bucket.Variance(1) + between);
            bucket.RemoveOldest(2);
            if (next.Count <= _options.MaxBuckets) break;
        }
    }

    private bool DetectChange()
    {
        var change = false;
        _tick++;
        if (_tick % _options.Clock != 0 || !(_width > _options.GracePeriod)) return false;
        var shrinking = true;
        while (shrinking)
        {
            shrinking = false;
            var done = false;
            double n0 = 0.0, n1 = _width, u0 = 0.0, u1 = _total;
            // Cuts from the oldest bucket to the newest: W₀ takes the buckets up to the cut, W₁ the rest.
            for (var row = _rows.Count - 1; row >= 0 && !done; row--)
            {
                var bucket = _rows[row];
                var size = BucketSize(row);
                for (var k = 0; k < bucket.Count; k++)
                {
                    n0 += size;
                    n1 -= size;
                    u0 += bucket.Total(k);
                    u1 -= bucket.Total(k);
                    if (row == 0 && k == bucket.Count - 1) { done = true; break; }
                    var meanGap = (u0 / n0) - (u1 / n1);
                    if (n1 >= _options.MinWindowLength && n0 >= _options.MinWindowLength && CutHolds(n0, n1, meanGap))
                    {
                        shrinking = true;
                        change = true;
                        if (_width > 0)
                        {
                            n0 -= DropOldestBucket();
                            done = true;
                            break;
                        }
                    }
                }
            }
        }
        return change;
    }

    private bool CutHolds(double n0, double n1, double meanGap)
    {
        var deltaPrime = Math.Log(2 * Math.Log(_width) / _options.Delta);
        var mReciprocal = (1.0 / (n0 - _options.MinWindowLength + 1)) + (1.0 / (n1 - _options.MinWindowLength + 1));
        var epsilon = Math.Sqrt(2 * mReciprocal * (_variance / _width) * deltaPrime) + 2.0 / 3.0 * deltaPrime * mReciprocal;
        return Math.Abs(meanGap) > epsilon;
    }

    private double DropOldestBucket()
    {
        var last = _rows.Count - 1;
        var bucket = _rows[last];
        var size = BucketSize(last);
        var total = bucket.Total(0);
        var mean = total / size;
        var variance = bucket.Variance(0);
        _width -= size;
        _total -= total;
        var windowMean = _total / _width;
        _variance -= variance + size * _width * (mean - windowMean) * (mean - windowMean) / (size + _width);
        bucket.RemoveOldest(1);
        if (bucket.Count == 0) _rows.RemoveAt(last);
        return size;
    }
}

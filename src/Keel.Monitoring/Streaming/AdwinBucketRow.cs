namespace Keel.Monitoring.Streaming;

/// <summary>
/// One row of ADWIN's exponential histogram: up to M + 1 buckets that each summarise 2^row values by their total and
/// their variance (sum of squared deviations), oldest first.
/// </summary>
internal sealed class AdwinBucketRow(int maxBuckets)
{
    private readonly double[] _totals = new double[maxBuckets + 1];
    private readonly double[] _variances = new double[maxBuckets + 1];

    public int Count { get; private set; }

    public double Total(int bucket) => _totals[bucket];

    public double Variance(int bucket) => _variances[bucket];

    public void Add(double total, double variance)
    {
        _totals[Count] = total;
        _variances[Count] = variance;
        Count++;
    }

    public void RemoveOldest(int buckets)
    {
        Array.Copy(_totals, buckets, _totals, 0, Count - buckets);
        Array.Copy(_variances, buckets, _variances, 0, Count - buckets);
        Array.Clear(_totals, Count - buckets, buckets);
        Array.Clear(_variances, Count - buckets, buckets);
        Count -= buckets;
    }
}

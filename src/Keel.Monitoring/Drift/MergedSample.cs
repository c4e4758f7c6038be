namespace Keel.Monitoring.Drift;

/// <summary>
/// The reference and current values of one numeric column after one sort each, merged: the distinct values of
/// both, ascending, with how many reference and current values lie at or below each. The Kolmogorov–Smirnov,
/// Wasserstein and Anderson–Darling statistics, the histograms and the distinct counts all read this one structure.
/// </summary>
internal sealed class MergedSample
{
    private MergedSample(double[] values, int[] referenceAtOrBelow, int[] currentAtOrBelow, int referenceDistinct, double referenceStandardDeviation)
    {
        Values = values;
        ReferenceAtOrBelow = referenceAtOrBelow;
        CurrentAtOrBelow = currentAtOrBelow;
        ReferenceDistinct = referenceDistinct;
        ReferenceStandardDeviation = referenceStandardDeviation;
    }

    /// <summary>The distinct values of both samples, ascending.</summary>
    public double[] Values { get; }

    /// <summary>How many reference values are at or below <c>Values[u]</c>.</summary>
    public int[] ReferenceAtOrBelow { get; }

    /// <summary>How many current values are at or below <c>Values[u]</c>.</summary>
    public int[] CurrentAtOrBelow { get; }

    public int ReferenceCount => ReferenceAtOrBelow[^1];

    public int CurrentCount => CurrentAtOrBelow[^1];

    public int Distinct => Values.Length;

    /// <summary>Distinct values among the reference values alone.</summary>
    public int ReferenceDistinct { get; }

    /// <summary>The reference's population standard deviation (NumPy's <c>np.std</c>, ddof = 0).</summary>
    public double ReferenceStandardDeviation { get; }

    public int ReferenceCountAt(int u) => ReferenceAtOrBelow[u] - (u == 0 ? 0 : ReferenceAtOrBelow[u - 1]);

    public int CurrentCountAt(int u) => CurrentAtOrBelow[u] - (u == 0 ? 0 : CurrentAtOrBelow[u - 1]);

    /// <summary>How many reference (or current) values lie strictly below x: NumPy's <c>searchsorted(x, 'left')</c>.</summary>
    public int CountBelow(double x, bool reference)
    {
        var u = LowerBound(x);
        return u == 0 ? 0 : (reference ? ReferenceAtOrBelow : CurrentAtOrBelow)[u - 1];
    }

    /// <summary>The first distinct value not below x.</summary>
    public int LowerBound(double x)
    {
        int lo = 0, hi = Values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Values[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Merges two ascending, finite, non-empty samples (sorted in place here).</summary>
    public static MergedSample Build(double[] reference, double[] current)
    {
        DoubleRadixSort.Sort(reference);
        DoubleRadixSort.Sort(current);
        var capacity = reference.Length + current.Length;
        var values = new double[capacity];
        var refAt = new int[capacity];
        var curAt = new int[capacity];
        int i = 0, j = 0, u = 0, refDistinct = 0;
        while (i < reference.Length || j < current.Length)
        {
            var v = j >= current.Length || (i < reference.Length && reference[i] <= current[j]) ? reference[i] : current[j];
            var i0 = i;
            while (i < reference.Length && reference[i] == v) i++;
            while (j < current.Length && current[j] == v) j++;
            if (i > i0) refDistinct++;
            values[u] = v;
            refAt[u] = i;
            curAt[u] = j;
            u++;
        }
        Array.Resize(ref values, u);
        Array.Resize(ref refAt, u);
        Array.Resize(ref curAt, u);
        return new MergedSample(values, refAt, curAt, refDistinct, StandardDeviation(reference));
    }

    /// <summary>Two-pass population standard deviation with compensated sums.</summary>
    private static double StandardDeviation(double[] values)
    {
        var mean = CompensatedSum.Of(values) / values.Length;
        var squares = new CompensatedSum();
        foreach (var v in values) squares.Add((v - mean) * (v - mean));
        return Math.Sqrt(squares.Value / values.Length);
    }
}

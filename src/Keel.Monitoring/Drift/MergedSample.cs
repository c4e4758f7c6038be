using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Keel.Monitoring.Drift;

/// <summary>
/// The reference and current values of one numeric column after one sort each, merged: the distinct values of
/// both, ascending, with how many reference and current values lie at or below each. The Kolmogorov–Smirnov,
/// Wasserstein and Anderson–Darling statistics, the histograms and the distinct counts all read this one structure.
/// </summary>
internal sealed class MergedSample
{
    private MergedSample(double[] values, int[] referenceAtOrBelow, int[] currentAtOrBelow, int distinct, int referenceDistinct, double referenceStandardDeviation)
    {
        // The arrays are sized for every value being distinct; only the first Distinct entries are used.
        Values = values;
        ReferenceAtOrBelow = referenceAtOrBelow;
        CurrentAtOrBelow = currentAtOrBelow;
        Distinct = distinct;
        ReferenceDistinct = referenceDistinct;
        ReferenceStandardDeviation = referenceStandardDeviation;
    }

    /// <summary>The distinct values of both samples, ascending (the first <see cref="Distinct"/> entries).</summary>
    public double[] Values { get; }

    /// <summary>How many reference values are at or below <c>Values[u]</c>.</summary>
    public int[] ReferenceAtOrBelow { get; }

    /// <summary>How many current values are at or below <c>Values[u]</c>.</summary>
    public int[] CurrentAtOrBelow { get; }

    public int ReferenceCount => ReferenceAtOrBelow[Distinct - 1];

    public int CurrentCount => CurrentAtOrBelow[Distinct - 1];

    public int Distinct { get; }

    public double Min => Values[0];

    public double Max => Values[Distinct - 1];

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
        int lo = 0, hi = Distinct;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Values[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// Sorts the finite values of each sample (radix keys, compared as integers) and merges them, counting the NaNs and
    /// infinities left out; null when a sample has no finite value.
    /// </summary>
    public static MergedSample? Build(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, out int referenceMissing, out int currentMissing)
    {
        var r = DoubleRadixSort.SortFinite(reference, out var n1, out referenceMissing);
        var c = DoubleRadixSort.SortFinite(current, out var n2, out currentMissing);
        try
        {
            if (n1 == 0 || n2 == 0) return null;
            // Sized for every value being distinct, and not zeroed: only the first Distinct entries are written and read.
            var values = GC.AllocateUninitializedArray<double>(n1 + n2);
            var refAt = GC.AllocateUninitializedArray<int>(n1 + n2);
            var curAt = GC.AllocateUninitializedArray<int>(n1 + n2);
            // Branch-free: each step takes the smaller head (the sentinels end each run), and a key equal to the last
            // one overwrites the last entry's counts instead of opening a new entry.
            ref var r0 = ref MemoryMarshal.GetArrayDataReference(r);
            ref var c0 = ref MemoryMarshal.GetArrayDataReference(c);
            ref var v0 = ref MemoryMarshal.GetArrayDataReference(values);
            ref var ra0 = ref MemoryMarshal.GetArrayDataReference(refAt);
            ref var ca0 = ref MemoryMarshal.GetArrayDataReference(curAt);
            int i = 0, j = 0, u = 0, refDistinct = 0;
            ulong last = DoubleRadixSort.Sentinel, lastRef = DoubleRadixSort.Sentinel;
            for (var step = n1 + n2; step > 0; step--)
            {
                ulong ri = Unsafe.Add(ref r0, i), cj = Unsafe.Add(ref c0, j);
                var fromReference = ri <= cj;
                var key = fromReference ? ri : cj;
                var isReference = fromReference ? 1 : 0;
                i += isReference;
                j += 1 - isReference;
                refDistinct += fromReference && key != lastRef ? 1 : 0;
                lastRef = fromReference ? key : lastRef;
                u += key != last ? 1 : 0;
                last = key;
                Unsafe.Add(ref v0, u - 1) = DoubleRadixSort.Value(key);
                Unsafe.Add(ref ra0, u - 1) = i;
                Unsafe.Add(ref ca0, u - 1) = j;
            }
            return new MergedSample(values, refAt, curAt, u, refDistinct, StandardDeviation(reference, n1));
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(r);
            ArrayPool<ulong>.Shared.Return(c);
        }
    }

    /// <summary>
    /// The population standard deviation of the finite values, in two passes (mean, then squared deviations), each a
    /// sum of blockwise NumPy-style pairwise sums, so that nothing is allocated per value.
    /// </summary>
    private static double StandardDeviation(ReadOnlySpan<double> values, int count)
    {
        var mean = FiniteSum(values, double.NaN) / count;
        return Math.Sqrt(FiniteSum(values, mean) / count);
    }

    /// <summary>Σ x over the finite values, or Σ (x − center)² when a center is given.</summary>
    private static double FiniteSum(ReadOnlySpan<double> values, double center)
    {
        const int block = 1024;
        Span<double> buffer = stackalloc double[block];
        var partial = new double[(values.Length + block - 1) / block];
        var blocks = 0;
        for (var start = 0; start < values.Length; start += block)
        {
            var chunk = values.Slice(start, Math.Min(block, values.Length - start));
            var k = 0;
            foreach (var x in chunk)
            {
                if (!double.IsFinite(x)) continue;
                buffer[k++] = double.IsNaN(center) ? x : (x - center) * (x - center);
            }
            partial[blocks++] = NumpySum.Of(buffer[..k]);
        }
        return NumpySum.Of(partial.AsSpan(0, blocks));
    }
}

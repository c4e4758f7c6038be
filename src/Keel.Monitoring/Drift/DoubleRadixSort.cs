using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Keel.Monitoring.Drift;

/// <summary>
/// Sorts finite doubles ascending by a least-significant-digit radix sort on their order-preserving bit patterns
/// (11-bit digits, the digit histograms counted in one pass, passes where every value shares the digit skipped):
/// linear time and no comparisons. The keys themselves are the output, so a merge can compare them as integers.
/// </summary>
internal static class DoubleRadixSort
{
    private const int Bits = 11;
    private const int Buckets = 1 << Bits;
    private const int Mask = Buckets - 1;
    private const int Passes = 6; // ⌈64 / 11⌉; the histogram pass below is unrolled for it
    private const ulong SignBit = 0x8000_0000_0000_0000UL;

    /// <summary>A key above every finite double's, to end a sorted run.</summary>
    public const ulong Sentinel = ulong.MaxValue;

    /// <summary>
    /// The sorted keys of the finite values (−0 read as 0), followed by <see cref="Sentinel"/>, in a pooled array of
    /// at least <paramref name="count"/> + 1 entries, which the caller returns to <see cref="ArrayPool{T}.Shared"/>;
    /// <paramref name="missing"/> counts the NaNs and infinities left out.
    /// </summary>
    public static ulong[] SortFinite(ReadOnlySpan<double> values, out int count, out int missing)
    {
        var n = values.Length;
        var a = ArrayPool<ulong>.Shared.Rent(n + 1);
        var counts = new int[Passes * Buckets];
        ref var count0 = ref MemoryMarshal.GetArrayDataReference(counts);
        ref var a0 = ref MemoryMarshal.GetArrayDataReference(a);
        var k = 0;
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            var key = Key(v == 0 ? 0.0 : v);
            Unsafe.Add(ref a0, k++) = key;
            Unsafe.Add(ref count0, (int)(key & Mask))++;
            Unsafe.Add(ref count0, Buckets + (int)((key >> Bits) & Mask))++;
            Unsafe.Add(ref count0, 2 * Buckets + (int)((key >> (2 * Bits)) & Mask))++;
            Unsafe.Add(ref count0, 3 * Buckets + (int)((key >> (3 * Bits)) & Mask))++;
            Unsafe.Add(ref count0, 4 * Buckets + (int)((key >> (4 * Bits)) & Mask))++;
            Unsafe.Add(ref count0, 5 * Buckets + (int)(key >> (5 * Bits)))++;
        }
        count = k;
        missing = n - k;
        if (k < 2)
        {
            a[k] = Sentinel;
            return a;
        }
        var b = ArrayPool<ulong>.Shared.Rent(k + 1);
        for (var p = 0; p < Passes; p++)
        {
            var offset = p * Buckets;
            var shift = p * Bits;
            if (counts[offset + (int)((a[0] >> shift) & Mask)] == k) continue; // every value shares the digit
            var sum = 0;
            for (var d = 0; d < Buckets; d++)
            {
                ref var c = ref Unsafe.Add(ref count0, offset + d);
                var next = sum + c;
                c = sum;
                sum = next;
            }
            ref var from = ref MemoryMarshal.GetArrayDataReference(a);
            ref var to = ref MemoryMarshal.GetArrayDataReference(b);
            ref var bucket = ref Unsafe.Add(ref count0, offset);
            for (var i = 0; i < k; i++)
            {
                var key = Unsafe.Add(ref from, i);
                ref var slot = ref Unsafe.Add(ref bucket, (int)((key >> shift) & Mask));
                Unsafe.Add(ref to, slot++) = key;
            }
            (a, b) = (b, a);
        }
        ArrayPool<ulong>.Shared.Return(b);
        a[k] = Sentinel;
        return a;
    }

    /// <summary>Bits whose unsigned order is the order of the doubles: flip the sign bit of positives, every bit of negatives.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(double x)
    {
        var bits = BitConverter.DoubleToUInt64Bits(x);
        return bits ^ ((ulong)((long)bits >> 63) | SignBit);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Value(ulong key) => BitConverter.UInt64BitsToDouble(key ^ ((ulong)((long)~key >> 63) | SignBit));
}

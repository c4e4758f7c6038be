namespace Keel.Monitoring.Drift;

/// <summary>
/// <c>np.sum</c> of a float64 array, rounding for rounding: NumPy's pairwise summation (a plain loop under 8 terms,
/// eight running sums up to 128, halves at multiples of 8 beyond). Only where ties between sums must be broken as
/// NumPy breaks them (Evidently's permutation test) does Keel need this order; elsewhere it sums more accurately.
/// </summary>
internal static class NumpySum
{
    public static double Of(ReadOnlySpan<double> a)
    {
        var n = a.Length;
        if (n < 8)
        {
            var s = 0.0;
            foreach (var x in a) s += x;
            return s;
        }
        if (n <= 128)
        {
            Span<double> r = stackalloc double[8];
            a[..8].CopyTo(r);
            var i = 8;
            for (; i < n - n % 8; i += 8)
                for (var j = 0; j < 8; j++) r[j] += a[i + j];
            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) res += a[i];
            return res;
        }
        var half = n / 2;
        half -= half % 8;
        return Of(a[..half]) + Of(a[half..]);
    }
}

namespace Keel.Monitoring.Streaming;

/// <summary>
/// The two-sample Kolmogorov-Smirnov test on two samples of the same size n, as SciPy's <c>stats.ks_2samp</c>
/// computes it by default (method "auto", two-sided, n ≤ 10,000 so exact): the statistic D = h / n, h the largest gap
/// between the two empirical distribution functions counted in values, and P(D<sub>n,n</sub> ≥ h / n) by the
/// alternating sum over reflections of the diagonal lines ±h (Hodges 1957), evaluated as SciPy's
/// <c>_compute_prob_outside_square</c> does, Horner-like, to avoid cancellation (the batch test's
/// <see cref="Drift.TwoSampleKolmogorovSmirnov.OutsideSquare"/>).
/// </summary>
internal static class SmirnovDistribution
{
    /// <summary>The largest n for which SciPy's "auto" method computes the exact p-value.</summary>
    public const int MaxExactSize = 10_000;

    public static (double Statistic, double PValue) TwoSidedTest(double[] a, double[] b)
    {
        if (a.Length != b.Length || a.Length == 0 || a.Length > MaxExactSize)
            throw new ArgumentException($"The exact two-sample test takes two samples of one size from 1 to {MaxExactSize}; they have {a.Length} and {b.Length} values.");
        var n = a.Length;
        var h = LargestGap([.. a.Order()], [.. b.Order()]);
        if (h == 0) return (0.0, 1.0);
        var p = Drift.TwoSampleKolmogorovSmirnov.OutsideSquare(n, h);
        // Where the alternating sum rounds above 1, SciPy gives up on the exact value and takes the asymptotic one,
        // which is then within 4e-5 of 1 (checked for every n up to 2,000); Keel answers 1.
        return (h * 1.0 / n, p is >= 0 and <= 1 ? p : 1.0);
    }

    /// <summary>max over every value v of |#{a ≤ v} − #{b ≤ v}|, both samples sorted.</summary>
    private static int LargestGap(double[] a, double[] b)
    {
        int i = 0, j = 0, largest = 0;
        while (i < a.Length || j < b.Length)
        {
            var v = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i] : b[j];
            while (i < a.Length && a[i] == v) i++;
            while (j < b.Length && b[j] == v) j++;
            largest = Math.Max(largest, Math.Abs(i - j));
        }
        return largest;
    }
}

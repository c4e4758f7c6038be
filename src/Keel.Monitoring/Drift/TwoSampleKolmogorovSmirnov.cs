namespace Keel.Monitoring.Drift;

/// <summary>
/// The two-sided two-sample Kolmogorov–Smirnov test as SciPy 1.10's <c>scipy.stats.ks_2samp</c> computes it with its
/// default <c>method='auto'</c>: the statistic D = max |F_ref − F_cur| over the merged sample; the exact p-value when
/// both samples have at most 10,000 values, otherwise the asymptotic one, P(D_en ≥ D) of the one-sample Kolmogorov
/// distribution with en = round(m·n/(m + n)) observations.
/// </summary>
/// <remarks>
/// The exact p-value counts lattice paths from (0, 0) to (m, n) that leave the band |x/m − y/n| &lt; D: Hodges, J. L.
/// (1958), "The Significance Probability of the Smirnov Two-Sample Test", Arkiv för Matematik 3(43), with the
/// recursion for 1 − p of Viehmann, T. (2021), "Numerically more stable computation of the p-values for the two-sample
/// Kolmogorov-Smirnov test", arXiv:2102.08037; for equal sizes, the closed alternating sum of binomial ratios.
/// </remarks>
internal static class TwoSampleKolmogorovSmirnov
{
    /// <summary>SciPy's MAX_AUTO_N: up to this many values in the larger sample the p-value is exact.</summary>
    public const int MaxExactSize = 10000;

    public readonly record struct Outcome(double Statistic, double PValue, bool Exact, string? Note);

    public static Outcome Test(MergedSample s)
    {
        int n1 = s.ReferenceCount, n2 = s.CurrentCount;
        double maxDiff = double.NegativeInfinity, minDiff = double.PositiveInfinity;
        for (var u = 0; u < s.Distinct; u++)
        {
            var diff = (double)s.ReferenceAtOrBelow[u] / n1 - (double)s.CurrentAtOrBelow[u] / n2;
            if (diff > maxDiff) maxDiff = diff;
            if (diff < minDiff) minDiff = diff;
        }
        var minS = Math.Clamp(-minDiff, 0, 1);
        var d = minS > maxDiff ? minS : maxDiff;

        string? note = null;
        if (Math.Max(n1, n2) <= MaxExactSize)
        {
            var g = Gcd(n1, n2);
            var lcm = (long)(n1 / g) * n2;
            var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
            d = h * 1.0 / lcm;
            if (h == 0) return new(d, 1.0, true, null);
            var p = n1 == n2 ? OutsideSquare(n1, (int)h) : OutsideBand(n1, n2, g, h);
            if (p is >= 0 and <= 1) return new(d, p, true, null);
            note = "ks_2samp: Exact calculation unsuccessful. Switching to method=asymp.";
        }
        double m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        var en = m * n / (m + n);
        var pAsymptotic = KolmogorovDistribution.Sf((int)Math.Round(en, MidpointRounding.ToEven), d);
        return new(d, Math.Clamp(pAsymptotic, 0, 1), false, note);
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    /// <summary>
    /// P(D_{n,n} ≥ h/n) = 2·(C(2n, n−h) − C(2n, n−2h) + C(2n, n−3h) − …)/C(2n, n), each ratio a product of h simple
    /// factors and the alternating sum folded Horner-fashion so that nothing cancels.
    /// </summary>
    internal static double OutsideSquare(int n, int h)
    {
        var p = 0.0;
        for (var k = n / h; k >= 0; k--)
        {
            var p1 = 1.0;
            for (var j = 0; j < h; j++) p1 = (double)(n - k * h - j) * p1 / (n + k * h + j + 1);
            p = p1 * (1.0 - p);
        }
        return 2 * p;
    }

    /// <summary>
    /// The share of lattice paths from (0, 0) to (m, n) that do not stay strictly inside |n·x/g − m·y/g| &lt; h,
    /// computed column by column as 1 − (inside share) over a sliding window.
    /// </summary>
    internal static double OutsideBand(int m, int n, int g, long h)
    {
        if (m < n) (m, n) = (n, m);
        long mg = m / g, ng = n / g;
        var minj = 0L;
        var maxj = Math.Min(CeilDiv(h, mg), n + 1);
        var curlen = maxj - minj;
        var lenA = (int)Math.Min(2 * maxj + 2, n + 1);
        var a = new double[lenA];
        Array.Fill(a, 1.0);
        Array.Clear(a, 0, (int)Math.Min(maxj, lenA));
        for (long i = 1; i <= m; i++)
        {
            var lastminj = minj;
            var lastlen = curlen;
            minj = Math.Min(Math.Max(FloorDiv(ng * i - h, mg) + 1, 0), n);
            maxj = Math.Min(CeilDiv(ng * i + h, mg), n + 1);
            if (maxj <= minj) return 1.0;
            var val = minj == 0 ? 0.0 : 1.0;
            for (var jj = 0L; jj < maxj - minj; jj++)
            {
                var j = jj + minj;
                val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
                a[jj] = val;
            }
            curlen = maxj - minj;
            if (lastlen > curlen)
            {
                var from = (int)(maxj - minj);
                var to = (int)Math.Min(from + (lastlen - curlen), lenA);
                for (var q = from; q < to; q++) a[q] = 1.0;
            }
        }
        return a[maxj - minj - 1];
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);
}

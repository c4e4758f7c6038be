namespace Keel.Monitoring.Drift;

/// <summary>
/// The survival function P(D_n ≥ x) of the two-sided one-sample Kolmogorov–Smirnov statistic for n observations:
/// SciPy's <c>scipy.stats.kstwo.sf</c> (1.10, <c>scipy/stats/_ksstats.py</c>), which follows Simard and L'Ecuyer's
/// choice of method by n and n·x²:
/// Ruben and Gambino's closed forms near the ends; twice the one-sided Smirnov tail where the two tails cannot meet
/// (x ≥ 1/2) or where it is accurate (large n·x²); Durbin's matrix method as Marsaglia, Tsang and Wang compute it
/// (n·x² small); Pomeranz's recursion (n ≤ 140); and the Pelz–Good asymptotic series otherwise.
/// </summary>
/// <remarks>
/// Simard, R., L'Ecuyer, P. (2011), "Computing the Two-Sided Kolmogorov-Smirnov Distribution", Journal of Statistical
/// Software 39(11). Durbin, J. (1968), Annals of Mathematical Statistics 39. Marsaglia, G., Tsang, W. W., Wang, J.
/// (2003), Journal of Statistical Software 8(18). Pomeranz, J. (1974), Communications of the ACM 17(12). Pelz, W.,
/// Good, I. J. (1976), Journal of the Royal Statistical Society B 38(2).
/// </remarks>
internal static class KolmogorovDistribution
{
    private const int Scale = 128;
    private static readonly double Big = Math.ScaleB(1.0, Scale);
    private static readonly double Small = Math.ScaleB(1.0, -Scale);

    /// <summary>P(D_n ≥ x).</summary>
    public static double Sf(int n, double x)
    {
        if (double.IsNaN(x) || n <= 0) return double.NaN;
        if (x >= 1.0) return 0.0;
        if (x <= 0.0) return 1.0;
        var t = n * x;
        if (t <= 1.0)
        {
            // Ruben and Gambino: 1/(2n) ≤ x ≤ 1/n.
            if (t <= 0.5) return 1.0;
            double cdf;
            if (n <= 140)
            {
                cdf = 1.0;
                for (var i = 1; i <= n; i++) cdf *= i * (1.0 / n) * (2 * t - 1);
            }
            else
            {
                cdf = Math.Exp(LogFactorialOverPower(n) + n * Math.Log(2 * t - 1));
            }
            return Clip(1.0 - cdf);
        }
        if (t >= n - 1) return Clip(2 * Math.Pow(1.0 - x, n)); // Ruben and Gambino
        if (x >= 0.5) return Clip(2 * SmirnovDistribution.Sf(n, x));

        var nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 0.754693) return Clip(1.0 - Durbin(n, x));
            if (nxSquared <= 4) return Clip(1.0 - Pomeranz(n, x));
            return Clip(2 * SmirnovDistribution.Sf(n, x));
        }
        if (nxSquared >= 370.0) return 0.0;
        if (nxSquared >= 2.2) return Clip(2 * SmirnovDistribution.Sf(n, x));
        var lower = n <= 100000 && n * Math.Pow(x, 1.5) <= 1.4 ? Durbin(n, x) : PelzGood(n, x);
        return Clip(1.0 - lower);
    }

    private static double Clip(double p) => Math.Clamp(p, 0.0, 1.0);

    /// <summary>log(n! / nⁿ) by Stirling's series, with n·log(n) taken out first so nothing cancels.</summary>
    private static double LogFactorialOverPower(int n)
    {
        // B_{2j} / (2j (2j - 1)) for j = 8, ..., 1.
        ReadOnlySpan<double> stirling =
        [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
            -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ];
        var rn = 1.0 / n;
        var y = rn / n;
        var poly = 0.0;
        foreach (var c in stirling) poly = poly * y + c;
        return Math.Log(n) / 2 - n + Math.Log(2 * Math.PI) / 2 + rn * poly;
    }

    /// <summary>
    /// P(D_n ≤ d) by Durbin's matrix: the k-th diagonal entry of (n!/nⁿ)·Hⁿ for the (2k − 1)-square matrix H with
    /// d = (k − h)/n, powered by repeated squaring with the scale kept apart as a power of two.
    /// </summary>
    private static double Durbin(int n, double d)
    {
        if (d >= 1.0) return 1.0;
        var nd = n * d;
        if (nd <= 0.5) return 0.0;
        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = 2 * k - 1;

        var v = new double[m];
        var w = new double[m];
        var fac = 1.0;
        for (var j = 1; j <= m; j++)
        {
            v[j - 1] = 1.0 - Math.Pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }
        var tt = Math.Pow(Math.Max(2 * h - 1.0, 0), m) - 2 * Math.Pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;

        var hm = new double[m, m];
        for (var i = 1; i < m; i++)
            for (var r = i - 1; r < m; r++) hm[r, i] = w[r - (i - 1)];
        for (var r = 0; r < m; r++) hm[r, 0] = v[r];
        for (var c = 0; c < m; c++) hm[m - 1, c] = v[m - 1 - c];

        var power = new double[m, m];
        for (var i = 0; i < m; i++) power[i, i] = 1.0;
        var exponent = 0;
        var hExponent = 0;
        for (var remaining = n; remaining > 0; remaining /= 2)
        {
            if (remaining % 2 == 1)
            {
                power = Multiply(power, hm);
                exponent += hExponent;
            }
            hm = Multiply(hm, hm);
            hExponent *= 2;
            if (Math.Abs(hm[k - 1, k - 1]) > Big)
            {
                for (var r = 0; r < m; r++)
                    for (var c = 0; c < m; c++) hm[r, c] /= Big;
                hExponent += Scale;
            }
        }

        var p = power[k - 1, k - 1];
        for (var i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < Small)
            {
                p *= Big;
                exponent -= Scale;
            }
        }
        if (exponent != 0) p = Math.ScaleB(p, exponent);
        return Clip(p);
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var m = a.GetLength(0);
        var c = new double[m, m];
        for (var i = 0; i < m; i++)
            for (var l = 0; l < m; l++)
            {
                var ail = a[i, l];
                if (ail == 0) continue;
                for (var j = 0; j < m; j++) c[i, j] += ail * b[l, j];
            }
        return c;
    }

    /// <summary>
    /// P(D_n ≤ x) by Pomeranz's recursion: n!·V[2n + 1, n], each row the convolution of the one before with
    /// (almost) Poisson probabilities, keeping only the band of entries that can be non-zero.
    /// </summary>
    private static double Pomeranz(int n, double x)
    {
        var t = n * x;
        var ll = (int)Math.Floor(t);
        var f = t - ll;
        var g = Math.Min(f, 1.0 - f);
        var ceilf = f > 0 ? 1 : 0;
        var roundf = f > 0.5 ? 1 : 0;
        var npwrs = 2 * (ll + 1);
        var gpower = new double[npwrs];
        var twogpower = new double[npwrs];
        var onem2gpower = new double[npwrs];
        gpower[0] = twogpower[0] = onem2gpower[0] = 1.0;
        double gOverN = g / n, twoGOverN = 2 * g / n, oneMinusTwoGOverN = (1 - 2 * g) / n;
        for (var m = 1; m < npwrs; m++)
        {
            gpower[m] = gpower[m - 1] * gOverN / m;
            twogpower[m] = twogpower[m - 1] * twoGOverN / m;
            onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
        }

        var v0 = new double[npwrs];
        var v1 = new double[npwrs];
        v1[0] = 1;
        int v0s = 0, v1s = 0;
        var exponent = 0;
        var (j1, j2) = PomeranzBand(0, n, ll, ceilf, roundf);
        var conv = new double[2 * npwrs];
        for (var i = 1; i < 2 * n + 2; i++)
        {
            var k1 = j1;
            (v0, v1) = (v1, v0);
            (v0s, v1s) = (v1s, v0s);
            Array.Clear(v1);
            (j1, j2) = PomeranzBand(i, n, ll, ceilf, roundf);
            var pwrs = i == 1 || i == 2 * n + 1 ? gpower : i % 2 == 1 ? twogpower : onem2gpower;
            var ln2 = j2 - k1 + 1;
            if (ln2 <= 0) continue;
            // Full convolution of v0[k1 - v0s ..][..ln2] (cut at the array's end) with pwrs[..ln2].
            var aStart = k1 - v0s;
            var aLength = Math.Min(ln2, npwrs - aStart);
            var convLength = aLength + ln2 - 1;
            Array.Clear(conv, 0, convLength);
            for (var a = 0; a < aLength; a++)
            {
                var va = v0[aStart + a];
                if (va == 0) continue;
                for (var b = 0; b < ln2; b++) conv[a + b] += va * pwrs[b];
            }
            var convStart = j1 - k1;
            var count = Math.Min(j2 - j1 + 1, convLength - convStart);
            Array.Copy(conv, convStart, v1, 0, count);
            var max = v1.Max();
            if (max > 0 && max < Small)
            {
                for (var q = 0; q < v1.Length; q++) v1[q] *= Big;
                exponent -= Scale;
            }
            v1s = v0s + j1 - k1;
        }

        var answer = v1[n - v1s];
        for (var m = 1; m <= n; m++)
        {
            if (Math.Abs(answer) > Big)
            {
                answer *= Small;
                exponent += Scale;
            }
            answer *= m;
        }
        if (exponent != 0) answer = Math.ScaleB(answer, exponent);
        return Clip(answer);
    }

    /// <summary>The first and last entries of row i that can be non-zero.</summary>
    private static (int J1, int J2) PomeranzBand(int i, int n, int ll, int ceilf, int roundf)
    {
        int j1, j2;
        if (i == 0)
        {
            j1 = -ll - ceilf - 1;
            j2 = ll + ceilf - 1;
        }
        else
        {
            var half = (i + 1) / 2;
            if ((i + 1) % 2 == 0)
            {
                if (half == n + 1)
                {
                    j1 = n - ll - ceilf - 1;
                    j2 = n + ll + ceilf - 1;
                }
                else
                {
                    j1 = half - 1 - ll - roundf - 1;
                    j2 = half + ll - 1 + ceilf - 1;
                }
            }
            else
            {
                j1 = half - 1 - ll - 1;
                j2 = half + ll + roundf - 1;
            }
        }
        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }

    /// <summary>
    /// P(D_n ≤ x) by the Pelz–Good series: Li-Chien's and Korolyuk's expansion K0 + K1/√n + K2/n + K3/n^1.5 in z =
    /// x√n, each term rewritten with Jacobi's theta-function identity so that it converges fast for small z.
    /// </summary>
    private static double PelzGood(int n, double x)
    {
        if (x <= 0.0) return 0.0;
        if (x >= 1.0) return 1.0;
        var z = Math.Sqrt(n) * x;
        var z2 = z * z;
        var z3 = z2 * z;
        var z4 = z2 * z2;
        var z6 = z4 * z2;
        const double pi2 = Math.PI * Math.PI;
        const double pi4 = pi2 * pi2;
        const double pi6 = pi4 * pi2;
        var qlog = -pi2 / 8 / z2;
        if (qlog < -708) return 0.0;
        var q = Math.Exp(qlog);

        var k1a = -z2;
        var k1b = pi2 / 4;
        var k2a = 6 * z6 + 2 * z4;
        var k2b = (2 * z4 - 5 * z2) * pi2 / 4;
        var k2c = pi4 * (1 - 2 * z2) / 16;
        var k3d = pi6 * (5 - 30 * z2) / 64;
        var k3c = pi4 * (-60 * z2 + 212 * z4) / 16;
        var k3b = pi2 * (135 * z4 - 96 * z6) / 4;
        var k3a = -30 * z6 - 90 * z4 * z4;

        Span<double> terms = stackalloc double[4];
        var maxk = (int)Math.Ceiling(16 * z / Math.PI);
        for (var k = maxk; k > 0; k--)
        {
            double m = 2 * k - 1;
            double m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
            var qpower = Math.Pow(q, 8 * k);
            terms[0] = terms[0] * qpower + 1.0;
            terms[1] = terms[1] * qpower + (k1a + k1b * m2);
            terms[2] = terms[2] * qpower + (k2a + k2b * m2 + k2c * m4);
            terms[3] = terms[3] * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
        }
        var sqrt2Pi = Math.Sqrt(2 * Math.PI);
        for (var i = 0; i < 4; i++) terms[i] = terms[i] * q * sqrt2Pi;
        terms[0] /= z;
        terms[1] /= 6 * z4;
        terms[2] /= 72 * z6 * z;
        terms[3] /= 6480 * z6 * z4;

        // The other sums, over all integers k.
        q = Math.Exp(-pi2 / 2 / z2);
        var sqrt3z = Math.Sqrt(3) * z;
        double k2extra = 0, k3extra = 0;
        for (var k = maxk; k > 0; k--)
        {
            double k2 = (double)k * k;
            var qk = Math.Pow(q, k2);
            var kpi = Math.PI * k;
            k2extra += k2 * qk;
            k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qk;
        }
        terms[2] += k2extra * (pi2 * sqrt2Pi / (-36 * z3));
        terms[3] += k3extra * (pi2 * sqrt2Pi / (216 * z6));
        terms[1] /= Math.Sqrt(n);
        terms[2] /= n;
        terms[3] /= n * Math.Sqrt(n);
        return terms[0] + terms[1] + terms[2] + terms[3];
    }
}

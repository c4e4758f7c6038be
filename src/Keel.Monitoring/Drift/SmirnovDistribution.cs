namespace Keel.Monitoring.Drift;

/// <summary>
/// The survival function P(D⁺_n ≥ x) of the one-sided one-sample Kolmogorov–Smirnov statistic, as SciPy's
/// <c>scipy.special.smirnov</c> computes it (cephes <c>kolmogorov.c</c> since SciPy 1.2): the Smirnov /
/// Birnbaum–Tingey sum x·Σ_v C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v) over v ≤ n(1 − x), or the few terms of the
/// complementary sum when x is small, with n·x split exactly, and the closed forms and the large-n approximation
/// SciPy uses at the ends.
/// </summary>
/// <remarks>
/// Each term of the main sum is C(n, v)·pᵛ·q^(n−v) / p with p = x + v/n: a binomial probability, which Keel evaluates
/// in Loader's saddle-point form (Stirling's error terms and the deviance bd0, never a large power), accurate to about
/// 1e-14 at any n and a single exponential per term; SciPy carries each power as a double-double mantissa with an
/// exponent instead, the same number to that accuracy at many times the cost. The few terms of the alternating upper
/// sum are computed SciPy's way.
/// <para>
/// References: Smirnov, N. V. (1944), Usp. Mat. Nauk; Birnbaum, Z. W., Tingey, F. H. (1951), Ann. Math. Statist. 22;
/// van Mulbregt, P. (2018), "Computing the Cumulative Distribution Function and Quantiles of the One-sided
/// Kolmogorov-Smirnov Statistic", arXiv:1802.06966; Loader, C. (2000), "Fast and Accurate Computation of Binomial
/// Probabilities".
/// </para>
/// </remarks>
internal static class SmirnovDistribution
{
    private const int MaxComputeN = 1000000;
    private const int UpperSumMaxTerms = 3;
    private const int UpperSumMinN = 10;
    private const int MaxExponent = 960;
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Cephes' MINLOG, log(2^−1022): exp of anything below it underflows.</summary>
    private const double MinLog = -7.08396418532264106224e2;

    /// <summary>P(D⁺_n ≥ x).</summary>
    public static double Sf(int n, double x)
    {
        if (!(n > 0 && x >= 0.0 && x <= 1.0)) return double.NaN;
        if (n == 1) return 1 - x;
        if (x == 0.0) return 1.0;
        if (x == 1.0) return 0.0;

        var alpha = SplitNX(n, x, out var nxFloor);
        var n1mxFloor = n - nxFloor - (alpha == 0 ? 0 : 1);
        var n1mxCeil = n - nxFloor;
        if (alpha == 0)
        {
            // Leave out the last term of either sum.
            n1mxFloor -= 1;
            n1mxCeil += 1;
        }

        if (nxFloor == 0 || (nxFloor == 1 && alpha == 0))
        {
            // x ≤ 1/n: cdf = x (1 + x)^(n−1).
            var t = Pow(DoubleDouble.TwoSum(1, x), n - 1).Value;
            return Math.Clamp(1 - x * t, 0, 1);
        }
        if (-2 * n * x * x < MinLog) return 0.0;
        if (nxFloor >= n - 1) return Math.Clamp(Pow(DoubleDouble.TwoSum(1, -x), n).Value, 0, 1); // x ≥ 1 − 1/n: (1 − x)^n
        if (n > MaxComputeN)
        {
            // p ≈ exp(−(6nx + 1)² / 18n)
            var logp = -Math.Pow(6.0 * n * x + 1, 2) / 18.0 / n;
            var sf = logp < -Math.Log(2) ? Math.Exp(logp) : 1 - -Expm1(logp);
            return Math.Clamp(sf, 0, 1);
        }

        // The upper sum has few terms when x is small; it alternates in sign, so it is used only then.
        var upperTerms = n - n1mxCeil + 1;
        var useUpper = (upperTerms <= 1 && x < 0.5) || (n >= UpperSumMinN && upperTerms <= UpperSumMaxTerms && x <= 0.5 / Math.Sqrt(n));

        if (useUpper) return Math.Clamp(1 - x * UpperSum(n, x, n - n1mxCeil + 1), 0, 1);

        // The lower sum: v = 0, then binomial probabilities until the rest cannot change the sum.
        var nx = DoubleDouble.TwoProduct(n, x);
        var terms = n1mxFloor + 1;
        var sum = new CompensatedSum();
        sum.Add((Pow(DoubleDouble.TwoSum(1, -x), n) / (DoubleDouble)x).Value); // (1 − x)^n / x
        var middle = n / 2;
        for (var v = 1; v < terms; v++)
        {
            var term = LowerTerm(n, nx, v);
            if (term != 0.0)
            {
                sum.Add(term);
                if (4.0 * (terms - v) * term < MachineEpsilon * sum.Value && v != terms - 1) break;
            }
            else if (v > middle)
            {
                break;
            }
        }
        return Math.Clamp(x * sum.Value, 0, 1);
    }

    /// <summary>Σ over v = n, n − 1, … of C(n, v)(x + v/n)^(v−1)(1 − x − v/n)^(n−v): the cdf over x, from few terms.</summary>
    private static double UpperSum(int n, double x, int terms)
    {
        var sum = Pow(DoubleDouble.TwoSum(1, x), n - 1); // v = n: (1 + x)^(n−1)
        DoubleDouble binomialMantissa = 1.0;
        var binomialExponent = 0;
        NextBinomial(ref binomialMantissa, ref binomialExponent, n, 0);
        for (var j = 1; j < terms; j++)
        {
            var term = Term(n, x, n - j, binomialMantissa, binomialExponent);
            if (double.IsFinite(term.Hi) && term.Hi != 0.0) sum += term;
            NextBinomial(ref binomialMantissa, ref binomialExponent, n, j);
        }
        return sum.Value;
    }

    /// <summary>
    /// C(n, v)·p^(v−1)·q^(n−v) for p = (v + nx)/n, q = 1 − p and 0 &lt; v &lt; n: the binomial probability of v in
    /// Loader's form exp(δ(n) − δ(v) − δ(n − v) − bd0(v, np) − bd0(n − v, nq))·√(n / (2π v (n − v))), over p.
    /// </summary>
    private static double LowerTerm(int n, DoubleDouble nx, int v)
    {
        var np = v + nx.Hi + nx.Lo;
        var nq = (n - v - nx.Hi) - nx.Lo;
        if (nq <= 0) return 0.0;
        var deviation = nx.Hi + nx.Lo; // np − v = (n − v) − nq
        var exponent = StirlingError(n) - StirlingError(v) - StirlingError(n - v) - Deviance(v, np, -deviation) - Deviance(n - v, nq, deviation);
        var probability = Math.Exp(exponent) * Math.Sqrt(n / (2 * Math.PI * v * (double)(n - v)));
        return probability * n / np;
    }

    /// <summary>
    /// Loader's bd0(x, m) = x·log(x/m) + m − x, with d = x − m given rather than recomputed; by its series in
    /// d/(x + m) when x and m are close, so that nothing cancels.
    /// </summary>
    private static double Deviance(double x, double m, double d)
    {
        if (Math.Abs(d) < 0.1 * (x + m))
        {
            var r = d / (x + m);
            var s = d * r;
            var term = 2 * x * r;
            var r2 = r * r;
            for (var j = 1; j < 1000; j++)
            {
                term *= r2;
                var next = s + term / (2 * j + 1);
                if (next == s) return next;
                s = next;
            }
            return s;
        }
        return x * Math.Log(x / m) - d;
    }

    /// <summary>log(k!) − log(√(2πk)·(k/e)^k), the error of Stirling's formula: a table to 15, Stirling's series beyond.</summary>
    private static double StirlingError(int k)
    {
        if (k <= 15) return SmallStirlingErrors[k];
        const double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188;
        double kk = (double)k * k;
        if (k > 500) return (s0 - s1 / kk) / k;
        if (k > 80) return (s0 - (s1 - s2 / kk) / kk) / k;
        if (k > 35) return (s0 - (s1 - (s2 - s3 / kk) / kk) / kk) / k;
        return (s0 - (s1 - (s2 - (s3 - s4 / kk) / kk) / kk) / kk) / k;
    }

    /// <summary>Stirling's error for k ≤ 15, from k! exactly (every such factorial is a double).</summary>
    private static readonly double[] SmallStirlingErrors = Enumerable.Range(0, 16).Select(k =>
    {
        if (k == 0) return 0.0;
        var factorial = 1.0;
        for (var i = 2; i <= k; i++) factorial *= i;
        return Math.Log(factorial) - (k + 0.5) * Math.Log(k) + k - 0.5 * Math.Log(2 * Math.PI);
    }).ToArray();

    /// <summary>exp(x) − 1 without cancellation near 0 (Kahan's trick).</summary>
    private static double Expm1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1.0) return x;
        var um1 = u - 1.0;
        return um1 == -1.0 ? -1.0 : um1 * x / Math.Log(u);
    }

    /// <summary>log(1 + x) without cancellation near 0 (Kahan's trick).</summary>
    private static double Log1p(double x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>The fractional part of n·x, computed exactly, and its integer part.</summary>
    private static double SplitNX(int n, double x, out int floor)
    {
        var nx = DoubleDouble.TwoProduct(n, x);
        var whole = nx.Floor();
        var alpha = (nx - whole).Hi;
        floor = (int)whole.Value;
        if (alpha == 1)
        {
            floor += 1;
            alpha = 0;
        }
        return alpha;
    }

    /// <summary>C(n, v)·(x + v/n)^(v−1)·(1 − x − v/n)^(n−v), with C(n, v) given as mantissa · 2^exponent.</summary>
    private static DoubleDouble Term(int n, double x, int v, DoubleDouble binomialMantissa, int binomialExponent)
    {
        var lowerBase = (DoubleDouble)(n - v) / n - x;
        var lower = PowScaled(lowerBase, n - v, out var lowerExponent);
        var upperBase = (DoubleDouble)v / n + x;
        var upper = PowScaled(upperBase, v - 1, out var upperExponent);
        var product = upper * lower * binomialMantissa;
        return product.ScaleB(binomialExponent + upperExponent + lowerExponent);
    }

    /// <summary>C(n, j + 1) from C(n, j), renormalized.</summary>
    private static void NextBinomial(ref DoubleDouble mantissa, ref int exponent, int n, int j)
    {
        var ratio = (DoubleDouble)(n - j) / (j + 1.0);
        mantissa = (mantissa * ratio).Frexp(out var e);
        exponent += e;
    }

    /// <summary>aᵐ for a double-double a: the power of the high part, corrected to first order (or by exp/log1p) for the low part.</summary>
    private static DoubleDouble Pow(DoubleDouble a, int m)
    {
        if (m <= 0) return m == 0 ? 1.0 : (DoubleDouble)1.0 / Pow(a, -m);
        if (a.Hi == 0.0) return 0.0;
        var power = Math.Pow(a.Hi, m);
        var r = a.Lo / a.Hi;
        var adjust = m * r;
        if (Math.Abs(adjust) > 1e-8)
            adjust = Math.Abs(adjust) < 1e-4 ? adjust + m * r * ((m - 1) / 2.0 * r) : Expm1(m * Log1p(r));
        return DoubleDouble.TwoSum(power, power * adjust);
    }

    /// <summary>aᵐ as mantissa · 2^exponent, split into chunks so that no partial power underflows.</summary>
    private static DoubleDouble PowScaled(DoubleDouble a, int m, out int exponent)
    {
        if (m <= 0)
        {
            if (m == 0)
            {
                exponent = 0;
                return 1.0;
            }
            var inverse = PowScaled(a, -m, out var e1);
            var result = ((DoubleDouble)1.0 / inverse).Frexp(out var e2);
            exponent = -e1 + e2;
            return result;
        }
        var y = a.Frexp(out var yExponent);
        if (m == 1)
        {
            exponent = yExponent;
            return y;
        }
        var maxExponent = MaxExponent;
        if (m * (y.Hi - 1) / y.Hi < -MaxExponent * Math.Log(2))
        {
            // yᵐ may underflow: find how big a power stays above 2^−960.
            var log2y = Math.Log(y.Hi) / Math.Log(2);
            if (m * log2y <= -MaxExponent)
            {
                var limit = -MaxExponent / log2y + 1;
                maxExponent = (int)(Math.Abs(Math.ScaleB(limit, -52) + limit) / 2);
            }
        }
        if (m <= maxExponent)
        {
            var whole = Pow(y, m).Frexp(out var e);
            exponent = e + m * yExponent;
            return whole;
        }
        var q = m / maxExponent;
        var rest = m % maxExponent;
        var yRest = PowScaled(y, rest, out var restExponent);
        var yChunk = PowScaled(y, maxExponent, out var chunkExponent);
        var yChunks = PowScaled(yChunk, q, out var chunksExponent);
        var answer = (yRest * yChunks).Frexp(out var answerExponent);
        chunksExponent += chunkExponent * q;
        exponent = answerExponent + chunksExponent + restExponent + m * yExponent;
        return answer;
    }
}

using MathNet.Numerics.LinearAlgebra;

namespace Keel.Monitoring.Drift;

/// <summary>
/// The k-sample Anderson–Darling test for k = 2 samples as SciPy 1.10's <c>scipy.stats.anderson_ksamp</c> computes it
/// (default <c>midrank=True</c>): Scholz and Stephens' A²_akN for discrete parent populations (their equation 7, ties
/// given mid-ranks), standardized as (A² − (k − 1))/σ with σ² their exact variance under the null, and the p-value
/// interpolated from their Table 2: a quadratic fitted by least squares to log(significance) against the seven
/// critical values, capped at 0.25 below the first and floored at 0.001 above the last, each with SciPy's warning.
/// </summary>
/// <remarks>
/// Scholz, F. W., Stephens, M. A. (1987), "K-Sample Anderson-Darling Tests", Journal of the American Statistical
/// Association 82(399), 918–924.
/// </remarks>
internal static class AndersonDarlingKSample
{
    public readonly record struct Outcome(double Statistic, double PValue, string? Note);

    private static readonly double[] Significance = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

    /// <summary>Table 2's critical values for k − 1 = 1: b0 + b1/√m + b2/m.</summary>
    internal static readonly double[] CriticalValues = Critical(1);

    private static readonly double[] Fit = FitLogSignificance();

    public static Outcome Test(MergedSample s)
    {
        if (s.Distinct < 2)
            return new(double.NaN, double.NaN, "anderson_ksamp needs more than one distinct observation");
        const int k = 2;
        long n1 = s.ReferenceCount, n2 = s.CurrentCount;
        double total = n1 + n2;
        var akn = MidrankStatistic(s, total);

        var hSum = 1.0 / n1 + 1.0 / n2;
        // h = Σ_{i=1}^{N−1} 1/i and g = Σ_{i=1}^{N−2} Σ_{j=i+1}^{N−1} 1/((N − i) j), built from the running tail sums.
        var nTotal = n1 + n2;
        double running = 0, g = 0;
        var gSum = new CompensatedSum();
        for (var i = nTotal - 1; i >= 2; i--)
        {
            running += 1.0 / i;
            gSum.Add(running / (nTotal - i + 1));
        }
        g = gSum.Value;
        var h = running + 1;
        var a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * hSum;
        var b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * hSum - 8 * h + 4 * g - 6;
        var c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * hSum + 4 * h;
        var d = (2 * h + 6) * k * k - 4 * h * k;
        var sigmaSquared = (a * total * total * total + b * total * total + c * total + d) / ((total - 1.0) * (total - 2.0) * (total - 3.0));
        var statistic = (akn - (k - 1)) / Math.Sqrt(sigmaSquared);

        if (statistic < CriticalValues.Min())
            return new(statistic, Significance.Max(), $"p-value capped: true value larger than {Significance.Max()}");
        if (statistic > CriticalValues.Max())
            return new(statistic, Significance.Min(), $"p-value floored: true value smaller than {Significance.Min()}");
        return new(statistic, Math.Exp((Fit[0] * statistic + Fit[1]) * statistic + Fit[2]), null);
    }

    /// <summary>A²_akN: Σ_i (1/n_i) Σ_j (l_j/N)·(N·M_ij − B_j·n_i)² / (B_j (N − B_j) − N·l_j/4), times (N − 1)/N.</summary>
    private static double MidrankStatistic(MergedSample s, double total)
    {
        var noTies = (long)total == s.Distinct;
        var referenceSum = new CompensatedSum();
        var currentSum = new CompensatedSum();
        double n1 = s.ReferenceCount, n2 = s.CurrentCount;
        long below = 0;
        for (var u = 0; u < s.Distinct; u++)
        {
            long fr = s.ReferenceCountAt(u), fc = s.CurrentCountAt(u);
            var lj = noTies ? 1.0 : fr + fc;
            var bj = below + lj / 2.0;
            var denominator = bj * (total - bj) - total * lj / 4.0;
            var mRef = s.ReferenceAtOrBelow[u] - fr / 2.0;
            var mCur = s.CurrentAtOrBelow[u] - fc / 2.0;
            var dr = total * mRef - bj * n1;
            var dc = total * mCur - bj * n2;
            referenceSum.Add(lj / total * dr * dr / denominator);
            currentSum.Add(lj / total * dc * dc / denominator);
            below += fr + fc;
        }
        return (referenceSum.Value / n1 + currentSum.Value / n2) * (total - 1.0) / total;
    }

    private static double[] Critical(int m)
    {
        double[] b0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
        double[] b1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
        double[] b2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
        return b0.Select((b, i) => b + b1[i] / Math.Sqrt(m) + b2[i] / m).ToArray();
    }

    /// <summary>The least-squares quadratic through (critical value, log significance), highest power first.</summary>
    private static double[] FitLogSignificance()
    {
        var x = CriticalValues;
        var design = Matrix<double>.Build.Dense(x.Length, 3, (i, j) => Math.Pow(x[i], 2 - j));
        var target = Vector<double>.Build.Dense(Significance.Select(s => Math.Log(s)).ToArray());
        return design.QR().Solve(target).ToArray();
    }
}

using MathNet.Numerics;

namespace Keel.Tuning.Samplers;

/// <summary>The normal distribution cut to [low, high]: draws, log density and log mass of an interval.</summary>
internal static class TruncatedNormal
{
    private static readonly double LogSqrt2Pi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>A draw by rejection from the untruncated normal; the kernels Keel builds keep their mean in range, so most draws land.</summary>
    public static double Sample(Random random, double mu, double sigma, double low, double high)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var x = mu + sigma * random.NextGaussian();
            if (x >= low && x <= high) return x;
        }
        return Math.Clamp(mu, low, high);
    }

    /// <summary>The log density at x of N(mu, sigma) truncated to [low, high].</summary>
    public static double LogPdf(double x, double mu, double sigma, double low, double high) =>
        LogPdf(x, mu, sigma, low, high, LogMass((low - mu) / sigma, (high - mu) / sigma));

    /// <summary>The same, given the log mass of [low, high] (<see cref="LogMass"/>), which a kernel computes once.</summary>
    public static double LogPdf(double x, double mu, double sigma, double low, double high, double logNormalizer)
    {
        if (x < low || x > high) return double.NegativeInfinity;
        var z = (x - mu) / sigma;
        return -0.5 * z * z - LogSqrt2Pi - Math.Log(sigma) - logNormalizer;
    }

    /// <summary>The log probability of [lower, upper] under N(mu, sigma) truncated to [low, high].</summary>
    public static double LogIntervalProbability(double lower, double upper, double mu, double sigma, double low, double high) =>
        LogIntervalProbability(lower, upper, mu, sigma, low, high, LogMass((low - mu) / sigma, (high - mu) / sigma));

    /// <summary>The same, given the log mass of [low, high].</summary>
    public static double LogIntervalProbability(double lower, double upper, double mu, double sigma, double low, double high, double logNormalizer) =>
        LogMass((Math.Max(lower, low) - mu) / sigma, (Math.Min(upper, high) - mu) / sigma) - logNormalizer;

    /// <summary>log(Φ(b) − Φ(a)) for a ≤ b, computed on the side of the tail so that far-out intervals keep their precision.</summary>
    internal static double LogMass(double a, double b)
    {
        if (b <= a) return double.NegativeInfinity;
        var mass = a > 0
            ? 0.5 * (SpecialFunctions.Erfc(a / Math.Sqrt(2)) - SpecialFunctions.Erfc(b / Math.Sqrt(2)))
            : 0.5 * (SpecialFunctions.Erfc(-b / Math.Sqrt(2)) - SpecialFunctions.Erfc(-a / Math.Sqrt(2)));
        if (mass > 0) return Math.Log(mass);
        // Both ends so far out that the mass underflows: the density at the nearer end times the width bounds it closely.
        var near = Math.Min(Math.Abs(a), Math.Abs(b));
        return -0.5 * near * near - LogSqrt2Pi + Math.Log(b - a);
    }
}

using Keel.Tuning.Distributions;

namespace Keel.Tuning.Samplers;

/// <summary>
/// TPE's density of one parameter (Bergstra et al. 2011): a weighted mixture of one kernel per observation plus a
/// prior kernel, as Optuna builds it (<c>optuna/samplers/_tpe/parzen_estimator.py</c>, univariate). Numerical
/// parameters get truncated normals, in log space for log-scale ones and padded by half a step for stepped ones, with
/// the bandwidth of each kernel the larger gap to its sorted neighbours (the range's ends count as neighbours; the
/// outermost kernels take their inner gap), clipped to [(high − low) / min(100, 1 + kernels), high − low] ("magic
/// clip"); the prior kernel sits in the middle with bandwidth high − low. Categorical parameters get one row of
/// choice probabilities per observation: prior weight / kernels on every choice, plus 1 on the observed one, normalized.
/// </summary>
internal sealed class ParzenEstimator
{
    private readonly ParameterDistribution _distribution;
    private readonly double[] _mus = [];
    private readonly double[] _sigmas = [];
    private readonly double[] _logNormalizers = [];
    private readonly double[][] _choiceProbabilities = [];
    private readonly double _low;
    private readonly double _high;

    public ParzenEstimator(IReadOnlyList<double> observations, ParameterDistribution distribution, double priorWeight = 1.0,
        bool magicClip = true, bool endpoints = false)
    {
        _distribution = distribution;
        var n = observations.Count;
        double[] weights = n == 0 ? [1.0] : [.. DefaultWeights(n), priorWeight];
        var total = weights.Sum();
        Weights = weights.Select(w => w / total).ToArray();

        if (distribution is CategoricalDistribution categorical)
        {
            var k = categorical.Choices.Count;
            var kernels = n == 0 ? 1 : n + 1;
            _choiceProbabilities = new double[kernels][];
            for (var i = 0; i < kernels; i++)
            {
                var row = Enumerable.Repeat(n == 0 ? 1.0 / k : priorWeight / kernels, k).ToArray();
                if (i < n) row[(int)observations[i]] += 1;
                var sum = row.Sum();
                _choiceProbabilities[i] = row.Select(p => sum == 0 ? p : p / sum).ToArray();
            }
            return;
        }

        (_low, _high) = TransformedRange(distribution);
        var mus = observations.Select(Transform).ToArray();
        var sigmas = Bandwidths(mus, _low, _high, magicClip, endpoints);
        _mus = [.. mus, 0.5 * (_low + _high)];
        _sigmas = [.. sigmas, _high - _low];
        _logNormalizers = _mus.Select((m, k) => TruncatedNormal.LogMass((_low - m) / _sigmas[k], (_high - m) / _sigmas[k])).ToArray();
    }

    /// <summary>The mixture weights, the prior's last.</summary>
    public IReadOnlyList<double> Weights { get; }

    public IReadOnlyList<double> Mus => _mus;

    public IReadOnlyList<double> Sigmas => _sigmas;

    public IReadOnlyList<IReadOnlyList<double>> ChoiceProbabilities => _choiceProbabilities;

    /// <summary>Optuna's <c>default_weights</c>: equal weights for up to 25 observations; beyond, the oldest ramp up linearly from 1/n and the newest 25 weigh 1.</summary>
    public static double[] DefaultWeights(int n)
    {
        if (n == 0) return [];
        if (n < 25) return Enumerable.Repeat(1.0, n).ToArray();
        var ramp = Enumerable.Range(0, n - 25).Select(i => n - 25 == 1 ? 1.0 / n : 1.0 / n + i * (1 - 1.0 / n) / (n - 26));
        return ramp.Concat(Enumerable.Repeat(1.0, 25)).ToArray();
    }

    /// <summary>Bandwidths of the observation kernels (the prior's mean takes part in the neighbour gaps, as in Optuna).</summary>
    internal static double[] Bandwidths(double[] mus, double low, double high, bool magicClip = true, bool endpoints = false)
    {
        var withPrior = mus.Append(0.5 * (low + high)).ToArray();
        var order = Enumerable.Range(0, withPrior.Length).OrderBy(i => withPrior[i]).ToArray();
        var sorted = new double[withPrior.Length + 2];
        sorted[0] = low;
        sorted[^1] = high;
        for (var i = 0; i < order.Length; i++) sorted[i + 1] = withPrior[order[i]];
        var sortedSigmas = new double[withPrior.Length];
        for (var i = 0; i < sortedSigmas.Length; i++)
            sortedSigmas[i] = Math.Max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
        if (!endpoints && sorted.Length >= 4)
        {
            sortedSigmas[0] = sorted[2] - sorted[1];
            sortedSigmas[^1] = sorted[^2] - sorted[^3];
        }
        var sigmas = new double[withPrior.Length];
        for (var i = 0; i < order.Length; i++) sigmas[order[i]] = sortedSigmas[i];
        var max = high - low;
        var min = magicClip ? (high - low) / Math.Min(100.0, 1.0 + mus.Length + 1) : 1e-12;
        return sigmas.Take(mus.Length).Select(s => Math.Clamp(s, min, max)).ToArray();
    }

    public double[] Sample(Random random, int count)
    {
        var result = new double[count];
        for (var c = 0; c < count; c++)
        {
            var k = Pick(random, Weights);
            result[c] = _distribution is CategoricalDistribution
                ? Pick(random, _choiceProbabilities[k])
                : Untransform(TruncatedNormal.Sample(random, _mus[k], _sigmas[k], _low, _high));
        }
        return result;
    }

    /// <summary>The log density (log probability, for stepped and categorical parameters) of an internal value.</summary>
    public double LogPdf(double x)
    {
        var terms = new double[Weights.Count];
        for (var k = 0; k < terms.Length; k++)
            terms[k] = Math.Log(Weights[k]) + KernelLogPdf(k, x);
        var max = terms.Max();
        return double.IsNegativeInfinity(max) ? max : max + Math.Log(terms.Sum(t => Math.Exp(t - max)));
    }

    private double KernelLogPdf(int k, double x)
    {
        switch (_distribution)
        {
            case CategoricalDistribution:
                return Math.Log(_choiceProbabilities[k][(int)x]);
            case FloatDistribution { Step: null }:
                return TruncatedNormal.LogPdf(Transform(x), _mus[k], _sigmas[k], _low, _high, _logNormalizers[k]);
            default:
                var half = 0.5 * Step(_distribution);
                var log = IsLog(_distribution);
                var lower = log ? Math.Log(x - half) : x - half;
                var upper = log ? Math.Log(x + half) : x + half;
                return TruncatedNormal.LogIntervalProbability(lower, upper, _mus[k], _sigmas[k], _low, _high, _logNormalizers[k]);
        }
    }

    private static int Pick(Random random, IReadOnlyList<double> probabilities)
    {
        var u = random.NextDouble();
        for (var i = 0; i < probabilities.Count - 1; i++)
        {
            u -= probabilities[i];
            if (u < 0) return i;
        }
        return probabilities.Count - 1;
    }

    private static double Step(ParameterDistribution d) => d switch
    {
        FloatDistribution { Step: { } s } => s,
        IntDistribution i => i.Step,
        _ => 0,
    };

    private static bool IsLog(ParameterDistribution d) => d is FloatDistribution { Log: true } or IntDistribution { Log: true };

    /// <summary>The kernels' range: padded by half a step for stepped parameters, then logged for log-scale ones.</summary>
    internal static (double Low, double High) TransformedRange(ParameterDistribution d)
    {
        var (low, high) = d switch
        {
            FloatDistribution f => (f.Low, f.High),
            IntDistribution i => ((double)i.Low, (double)i.High),
            _ => throw new KeelTuningException("Categorical parameters have no numeric range."),
        };
        var half = 0.5 * Step(d);
        low -= half;
        high += half;
        return IsLog(d) ? (Math.Log(low), Math.Log(high)) : (low, high);
    }

    private double Transform(double x) => IsLog(_distribution) ? Math.Log(x) : x;

    /// <summary>Back from kernel space to an internal value on the distribution's grid.</summary>
    private double Untransform(double t)
    {
        var x = IsLog(_distribution) ? Math.Exp(t) : t;
        switch (_distribution)
        {
            case FloatDistribution { Step: { } s } f:
                return Math.Clamp(f.Low + Math.Round((x - f.Low) / s) * s, f.Low, f.High);
            case FloatDistribution f:
                return Math.Clamp(x, f.Low, f.High);
            case IntDistribution i:
                return Math.Clamp(i.Low + Math.Round((x - i.Low) / i.Step) * i.Step, i.Low, i.High);
            default:
                return x;
        }
    }
}

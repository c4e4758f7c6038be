using System.Globalization;
using Keel.Store;
using Keel.Tuning.Distributions;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Samplers;

/// <summary>
/// The Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio &amp; Kégl 2011, "Algorithms for
/// Hyper-Parameter Optimization"), univariate, as Optuna's <c>TPESampler</c> defaults: after
/// <see cref="TpeSamplerOptions.StartupTrials"/> random trials, the finished trials are split into the best
/// γ(n) = min(⌈0.1·n⌉, 25) ("below") and the rest; a <see cref="ParzenEstimator"/> is fitted to each; 24 candidates
/// are drawn from the good density l(x), and the one with the largest l(x)/g(x) is chosen. Pruned trials count after
/// complete ones, ranked by how far they got and their last value.
/// </summary>
/// <example>
/// <code>
/// var study = Study.Open("demo", new InMemoryStudyStorage(), StudyDirection.Minimize, new TpeSampler());
/// study.Optimize(t => Math.Pow(t.SuggestFloat("x", -10, 10) - 2, 2), new OptimizeOptions { Trials = 50 });
/// var x = (double)study.BestTrial!.Params["x"].External; // close to 2
/// </code>
/// </example>
public sealed class TpeSampler : ISampler
{
    private readonly TpeSamplerOptions _options;

    public TpeSampler(TpeSamplerOptions? options = null)
    {
        _options = options ?? new TpeSamplerOptions();
        var problems = _options.Validate().ToList();
        if (problems.Count > 0) throw new KeelTuningException("Invalid TPE sampler options: " + string.Join(" ", problems));
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"tpe(seed={_options.Seed}, startup={_options.StartupTrials}, candidates={_options.EiCandidates}, prior_weight={_options.PriorWeight})");

    /// <summary>Optuna's default γ: the number of trials taken as "good" out of n.</summary>
    public static int Gamma(int n) => Math.Min((int)Math.Ceiling(0.1 * n), 25);

    public double Sample(SamplingContext context, string name, ParameterDistribution distribution)
    {
        var trials = context.History.Where(t => t.State is TrialState.Complete or TrialState.Pruned).ToList();
        var random = TrialRandom.For(_options.Seed, context.TrialNumber, name);
        if (trials.Count < _options.StartupTrials) return RandomSampler.Draw(random, distribution);

        var (below, above) = Split(trials, Gamma(trials.Count), context.Direction);
        var good = new ParzenEstimator(Observations(below, name), distribution, _options.PriorWeight);
        var bad = new ParzenEstimator(Observations(above, name), distribution, _options.PriorWeight);
        var candidates = good.Sample(random, _options.EiCandidates);
        var best = candidates[0];
        var bestScore = double.NegativeInfinity;
        foreach (var c in candidates)
        {
            var score = good.LogPdf(c) - bad.LogPdf(c);
            if (score > bestScore) (best, bestScore) = (c, score);
        }
        return best;
    }

    private static double[] Observations(IEnumerable<FrozenTrial> trials, string name) =>
        trials.Where(t => t.Params.ContainsKey(name)).Select(t => t.Params[name].Internal).ToArray();

    /// <summary>The best <paramref name="nBelow"/> trials and the rest, each by trial number (older trials weigh less).</summary>
    internal static (List<FrozenTrial> Below, List<FrozenTrial> Above) Split(IReadOnlyList<FrozenTrial> trials, int nBelow, StudyDirection direction)
    {
        var sign = direction == StudyDirection.Maximize ? -1.0 : 1.0;
        var complete = trials.Where(t => t.State == TrialState.Complete).OrderBy(t => sign * t.Value!.Value).ThenBy(t => t.Number).ToList();
        var pruned = trials.Where(t => t.State == TrialState.Pruned).OrderBy(t => PrunedRank(t, sign)).ThenBy(t => t.Number).ToList();
        var ranked = complete.Concat(pruned).ToList();
        nBelow = Math.Min(nBelow, ranked.Count);
        return (ranked.Take(nBelow).OrderBy(t => t.Number).ToList(), ranked.Skip(nBelow).OrderBy(t => t.Number).ToList());
    }

    /// <summary>Optuna's rank of a pruned trial: the further it got the better, then its last value.</summary>
    private static (double, double) PrunedRank(FrozenTrial t, double sign)
    {
        if (t.LastStep is not { } step) return (1, 0);
        var value = t.Intermediate[step];
        return (-step, double.IsNaN(value) ? double.PositiveInfinity : sign * value);
    }
}

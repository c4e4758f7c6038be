using Keel.Store;
using Keel.Tuning.Distributions;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Importance;

/// <summary>
/// How much each parameter explains the objective across a study's complete trials, by functional ANOVA (fANOVA;
/// Hutter, Hoos &amp; Leyton-Brown 2014, "An Efficient Approach for Assessing Hyperparameter Importance", ICML; Optuna's
/// default <c>FanovaImportanceEvaluator</c>). A random forest of regression trees learns the objective value from
/// the parameters; each tree's variance over the search space (every parameter uniform on its range) is split into
/// the variance of each parameter's main effect; a parameter's importance is its share of its tree's variance,
/// averaged over the trees, and the importances are scaled to sum to 1 (Optuna's <c>normalize=True</c>).
/// </summary>
/// <remarks>
/// As in Optuna: only complete trials count; the forest has 64 trees of depth up to 64, each grown on a bootstrap
/// sample with every parameter tried at each split; a parameter only some complete trials have (a conditional one)
/// is not assessed and is listed in <see cref="ParameterImportances.Conditional"/>; a parameter with one possible
/// value has importance 0. Unlike Optuna, which measures ranges on the raw scale, Keel measures them on the scale the
/// parameter is sampled on, as the original fANOVA does: the logarithm for log-scale parameters (a learning rate from
/// 0.01 to 0.3 spans the decade 0.01–0.1 as much as 0.1–0.3 is wide); categorical parameters split into sets of
/// choices instead of one-hot columns. Deterministic for a seed.
/// </remarks>
/// <example>
/// <code>
/// var study = Study.Open("demo", new InMemoryStudyStorage(), StudyDirection.Minimize, new RandomSampler(1));
/// study.Optimize(t => 10 * t.SuggestFloat("x", 0, 1) + 0.1 * t.SuggestFloat("y", 0, 1), new OptimizeOptions { Trials = 60 });
/// var importances = FanovaImportance.Evaluate(study.Trials);
/// // importances["x"] is about 0.99, importances["y"] about 0.01
/// </code>
/// </example>
public static class FanovaImportance
{
    public static ParameterImportances Evaluate(IReadOnlyList<FrozenTrial> trials, FanovaOptions? options = null)
    {
        options ??= new FanovaOptions();
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new KeelTuningException("Invalid fANOVA options: " + string.Join(" ", problems));
        var complete = trials.Where(t => t.State == TrialState.Complete && t.Value is { } v && double.IsFinite(v)).ToList();
        var names = complete.SelectMany(t => t.Params.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var shared = names.Where(n => complete.All(t => t.Params.ContainsKey(n))).ToList();
        var conditional = names.Except(shared).ToList();
        if (complete.Count < 2)
            return new ParameterImportances([], complete.Count, conditional,
                $"Parameter importance needs at least 2 complete trials; the study has {complete.Count}.");
        if (shared.Count == 0)
            return new ParameterImportances([], complete.Count, conditional, "No parameter is in every complete trial.");

        var distributions = shared.Select(n => Distribution(n, complete)).ToList();
        var single = shared.Where((_, d) => IsSingle(distributions[d])).ToHashSet();
        var assessed = shared.Where(n => !single.Contains(n)).ToList();
        var dimensions = assessed.Select(n => AnovaDimension.For(distributions[shared.IndexOf(n)])).ToList();
        var x = complete.Select(t => assessed.Select(n => AnovaDimension.Encode(t.Params[n].Distribution, t.Params[n].Internal)).ToArray()).ToArray();
        var y = complete.Select(t => t.Value!.Value).ToArray();
        if (y.All(v => v == y[0]))
            return new ParameterImportances([], complete.Count, conditional,
                $"All {complete.Count} complete trials have the same value, {y[0]}: no parameter made a difference.");

        var fractions = assessed.Select(_ => new List<double>()).ToArray();
        var random = new Random(options.Seed);
        for (var k = 0; k < options.Trees; k++)
        {
            var sample = options.Bootstrap
                ? Enumerable.Range(0, y.Length).Select(_ => random.Next(y.Length)).ToArray()
                : Enumerable.Range(0, y.Length).ToArray();
            var tree = RegressionTree.Fit(x, y, dimensions, sample, options.MaxDepth, random);
            var (total, main) = FunctionalAnova.Decompose(tree, dimensions);
            if (total <= 0) continue; // a bootstrap sample of equal values: nothing to share out, as in Optuna
            for (var d = 0; d < assessed.Count; d++) fractions[d].Add(Math.Max(0, main[d]) / total);
        }
        var means = fractions.Select(f => f.Count == 0 ? 0 : f.Average()).ToArray();
        var sum = means.Sum();
        var result = assessed.Select((n, d) => new ParameterImportance(n, sum > 0 ? means[d] / sum : 0, StandardDeviation(fractions[d])))
            .Concat(single.Select(n => new ParameterImportance(n, 0, 0)))
            .OrderByDescending(p => p.Importance).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        return new ParameterImportances(result, complete.Count, conditional,
            sum > 0 ? null : "No parameter explains the objective on its own: the forest found only interactions between parameters.");
    }

    /// <summary>The parameter's distribution; a study keeps one per parameter, so the latest trial's stands for all.</summary>
    private static ParameterDistribution Distribution(string name, IReadOnlyList<FrozenTrial> trials) => trials[^1].Params[name].Distribution;

    private static bool IsSingle(ParameterDistribution distribution) => distribution is CategoricalDistribution { Choices.Count: 1 };

    private static double StandardDeviation(List<double> values)
    {
        if (values.Count == 0) return 0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}

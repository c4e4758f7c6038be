using System.Globalization;
using Keel.Store;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Pruners;

/// <summary>
/// Asynchronous successive halving (Li et al. 2020, "A System for Massively Parallel Hyperparameter Tuning"), with
/// Optuna's rung rule: rung r is reached at step min_resource · η^(min_early_stopping_rate + r); a trial reaching it
/// is kept only if its value there is among the best 1/η of the values every trial had at that rung (for the first
/// η − 1 trials, only if it is the best). A trial's value at a rung is its value at the first step it reported at or
/// after the rung's step, which is what Optuna records when the pruner is asked at every report.
/// </summary>
/// <example>
/// <code>
/// var pruner = new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 4);
/// </code>
/// </example>
public sealed class SuccessiveHalvingPruner : IPruner
{
    /// <param name="minResource">Steps before the first rung; null to estimate it from the complete trials (their most steps / 100, at least 1).</param>
    public SuccessiveHalvingPruner(int? minResource = null, int reductionFactor = 4, int minEarlyStoppingRate = 0)
    {
        var problems = new List<string>();
        if (minResource is < 1) problems.Add($"minResource must be at least 1; it is {minResource}.");
        if (reductionFactor < 2) problems.Add($"reductionFactor must be at least 2; it is {reductionFactor}.");
        if (minEarlyStoppingRate < 0) problems.Add($"minEarlyStoppingRate must be at least 0; it is {minEarlyStoppingRate}.");
        if (problems.Count > 0) throw new KeelTuningException("Invalid successive halving pruner: " + string.Join(" ", problems));
        (MinResource, ReductionFactor, MinEarlyStoppingRate) = (minResource, reductionFactor, minEarlyStoppingRate);
    }

    /// <summary>Steps before the first rung. The default value is null: estimated from the complete trials.</summary>
    public int? MinResource { get; }

    /// <summary>η: the share 1/η of trials promoted at each rung. The default value is 4.</summary>
    public int ReductionFactor { get; }

    /// <summary>The rung offset s (Hyperband's bracket). The default value is 0.</summary>
    public int MinEarlyStoppingRate { get; }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"successive-halving(min_resource={MinResource?.ToString(CultureInfo.InvariantCulture) ?? "auto"}, reduction_factor={ReductionFactor}, min_early_stopping_rate={MinEarlyStoppingRate})");

    public bool ShouldPrune(PruningContext context)
    {
        var current = context.Current;
        if (current.LastStep is not { } step) return false;
        var minResource = MinResource ?? EstimateMinResource(context.Trials);
        if (minResource is not { } resource) return false;
        var value = current.Intermediate[step];
        var others = context.Trials.Where(t => t.Number != current.Number).ToList();
        for (var rung = 0; ; rung++)
        {
            var rungStep = resource * Math.Pow(ReductionFactor, MinEarlyStoppingRate + rung);
            if (step < rungStep) return false;
            if (current.Intermediate.Keys.Where(s => s >= rungStep).Min() < step) continue; // passed this rung at an earlier report
            if (double.IsNaN(value)) return true;
            var competing = others.Select(t => RungValue(t, rungStep)).OfType<double>().Append(value).ToList();
            if (!IsPromotable(value, competing, ReductionFactor, context.Direction)) return true;
        }
    }

    /// <summary>A trial's value at the first step it reported at or after a rung's step, or null when it did not get there.</summary>
    private static double? RungValue(FrozenTrial trial, double rungStep)
    {
        var reached = trial.Intermediate.Keys.Where(s => s >= rungStep).ToList();
        return reached.Count == 0 ? null : trial.Intermediate[reached.Min()];
    }

    /// <summary>Optuna's rule: the value must be at least as good as the (⌊n/η⌋)-th best of the n competing values (the best, when n &lt; η).</summary>
    internal static bool IsPromotable(double value, List<double> competing, int reductionFactor, StudyDirection direction)
    {
        var index = competing.Count / reductionFactor - 1;
        if (index == -1) index = 0;
        competing.Sort();
        return direction == StudyDirection.Maximize ? value >= competing[^(index + 1)] : value <= competing[index];
    }

    private static int? EstimateMinResource(IReadOnlyList<FrozenTrial> trials)
    {
        var steps = trials.Where(t => t.State == TrialState.Complete && t.LastStep is not null).Select(t => t.LastStep!.Value).ToList();
        return steps.Count == 0 ? null : Math.Max(steps.Max() / 100, 1);
    }
}

using System.Globalization;
using Keel.Store;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Pruners;

/// <summary>
/// Prunes a trial whose best value so far is worse than the median of the complete trials' values at the same step
/// (Optuna's <c>MedianPruner</c>, a percentile pruner at 50 %): nothing is pruned before
/// <paramref name="startupTrials"/> trials are complete, before step <paramref name="warmupSteps"/>, or between
/// the checkpoints every <paramref name="intervalSteps"/> steps after the warm-up.
/// </summary>
/// <example>
/// <code>
/// var pruner = new MedianPruner(startupTrials: 5);
/// // inside an objective: trial.Report(step, value); if (trial.ShouldPrune()) trial.Prune();
/// </code>
/// </example>
public sealed class MedianPruner : IPruner
{
    public MedianPruner(int startupTrials = 5, int warmupSteps = 0, int intervalSteps = 1, int minTrials = 1)
    {
        var problems = new List<string>();
        if (startupTrials < 0) problems.Add($"startupTrials must be at least 0; it is {startupTrials}.");
        if (warmupSteps < 0) problems.Add($"warmupSteps must be at least 0; it is {warmupSteps}.");
        if (intervalSteps < 1) problems.Add($"intervalSteps must be at least 1; it is {intervalSteps}.");
        if (minTrials < 1) problems.Add($"minTrials must be at least 1; it is {minTrials}.");
        if (problems.Count > 0) throw new KeelTuningException("Invalid median pruner: " + string.Join(" ", problems));
        (StartupTrials, WarmupSteps, IntervalSteps, MinTrials) = (startupTrials, warmupSteps, intervalSteps, minTrials);
    }

    /// <summary>Complete trials needed before any pruning. The default value is 5.</summary>
    public int StartupTrials { get; }

    /// <summary>Steps of a trial before it may be pruned. The default value is 0.</summary>
    public int WarmupSteps { get; }

    /// <summary>Steps between pruning checks. The default value is 1.</summary>
    public int IntervalSteps { get; }

    /// <summary>Complete trials that must have reported the step for its median to count. The default value is 1.</summary>
    public int MinTrials { get; }

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"median(startup={StartupTrials}, warmup={WarmupSteps}, interval={IntervalSteps})");

    public bool ShouldPrune(PruningContext context)
    {
        var complete = context.Trials.Where(t => t.State == TrialState.Complete && t.Number != context.Current.Number).ToList();
        if (complete.Count == 0 || complete.Count < StartupTrials) return false;
        if (context.Current.LastStep is not { } step || step < WarmupSteps) return false;
        if (!IsFirstInInterval(step, context.Current.Intermediate.Keys, WarmupSteps, IntervalSteps)) return false;

        var maximize = context.Direction == StudyDirection.Maximize;
        var own = context.Current.Intermediate.Values.Where(v => !double.IsNaN(v)).ToList();
        if (own.Count == 0) return true;
        var best = maximize ? own.Max() : own.Min();
        var atStep = complete.Where(t => t.Intermediate.ContainsKey(step)).Select(t => t.Intermediate[step]).Where(v => !double.IsNaN(v)).ToList();
        if (atStep.Count < MinTrials) return false;
        var median = Percentile(atStep, 50);
        return maximize ? best < median : best > median;
    }

    /// <summary>Whether no step reported before this one lies at or after the latest checkpoint (Optuna's <c>_is_first_in_interval_step</c>).</summary>
    internal static bool IsFirstInInterval(int step, IEnumerable<int> steps, int warmupSteps, int intervalSteps)
    {
        var checkpoint = (int)Math.Floor((double)(step - warmupSteps) / intervalSteps) * intervalSteps + warmupSteps;
        var previous = steps.Where(s => s != step).DefaultIfEmpty(-1).Max();
        return previous < checkpoint;
    }

    /// <summary>The q-th percentile with linear interpolation between order statistics (NumPy's default).</summary>
    internal static double Percentile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var position = q / 100 * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}

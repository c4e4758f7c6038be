namespace Keel.Fairness.Mitigation;

/// <summary>What the threshold optimizer maximizes (Fairlearn's <c>objective</c>).</summary>
public enum ThresholdObjective
{
    /// <summary><c>accuracy_score</c>.</summary>
    Accuracy,

    /// <summary><c>balanced_accuracy_score</c>: the mean of the true positive and true negative rates.</summary>
    BalancedAccuracy,
}

/// <summary>Options of <see cref="ThresholdOptimizer"/>, with Fairlearn's defaults.</summary>
public sealed record ThresholdOptimizerOptions
{
    /// <summary>The constraint between groups. The default value is <see cref="MitigationConstraint.DemographicParity"/>.</summary>
    public MitigationConstraint Constraint { get; init; } = MitigationConstraint.DemographicParity;

    /// <summary>What is maximized under the constraint. The default value is <see cref="ThresholdObjective.Accuracy"/>.</summary>
    public ThresholdObjective Objective { get; init; } = ThresholdObjective.Accuracy;

    /// <summary>Points of the grid the curves are interpolated on, minus one. The default value is 1000; the range is 2 to 1,000,000.</summary>
    public int GridSize { get; init; } = 1000;

    /// <summary>Whether a group may use flipped rules (positive below a threshold). The default value is false.</summary>
    public bool Flip { get; init; }

    /// <summary>The seed of the per-row randomized decisions. The default value is 42.</summary>
    public int Seed { get; init; } = 42;

    internal IEnumerable<string> Validate()
    {
        if (GridSize is < 2 or > 1_000_000) yield return $"GridSize must be between 2 and 1,000,000; it is {GridSize}.";
        if (!Enum.IsDefined(Constraint)) yield return $"Constraint {Constraint} is not known.";
        if (!Enum.IsDefined(Objective)) yield return $"Objective {Objective} is not known.";
    }
}

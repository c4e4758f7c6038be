namespace Keel.Fairness.Metrics;

/// <summary>One group's selection in a <see cref="DisparateImpactResult"/>: its size, how many were selected, the rate and its ratio to the reference group.</summary>
public sealed record GroupSelection(string Group, int Count, int Selected, FairnessValue Rate, FairnessValue RatioToReference);

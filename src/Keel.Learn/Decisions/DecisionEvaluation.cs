namespace Keel.Learn.Decisions;

/// <summary>
/// A KPI measured on labelled rows: its value at the model's threshold and, to compare, at 0.5, acting on everyone and
/// acting on no one. Part of an <see cref="Evaluation.EvaluationResult"/> when the model carries a KPI.
/// </summary>
public sealed record DecisionEvaluation
{
    public required DecisionValue Value { get; init; }

    /// <summary>The number of labelled rows (decisions).</summary>
    public required int Rows { get; init; }

    /// <summary>The value at the model's threshold.</summary>
    public required ValuePoint AtThreshold { get; init; }

    /// <summary>The value at 0.5.</summary>
    public required ValuePoint AtDefault { get; init; }

    public required ValuePoint Everyone { get; init; }

    public required ValuePoint NoOne { get; init; }

    /// <summary>The KPI of deciding "act when P(positive) ≥ <paramref name="threshold"/>" on rows with these scores and labels (0/1).</summary>
    public static DecisionEvaluation Of(DecisionValue value, ReadOnlySpan<double> scores, ReadOnlySpan<int> labels, double threshold)
    {
        ArgumentNullException.ThrowIfNull(value);
        var positives = 0;
        foreach (var y in labels) positives += y == 1 ? 1 : 0;
        var negatives = labels.Length - positives;
        return new DecisionEvaluation
        {
            Value = value,
            Rows = labels.Length,
            AtThreshold = ValuePoint.Of(threshold, BinaryConfusion.At(scores, labels, threshold), value),
            AtDefault = ValuePoint.Of(ThresholdOptimizer.DefaultThreshold, BinaryConfusion.At(scores, labels, ThresholdOptimizer.DefaultThreshold), value),
            Everyone = ValuePoint.Of(double.NegativeInfinity, new BinaryConfusion(positives, negatives, 0, 0), value),
            NoOne = ValuePoint.Of(double.PositiveInfinity, new BinaryConfusion(0, 0, positives, negatives), value),
        };
    }
}

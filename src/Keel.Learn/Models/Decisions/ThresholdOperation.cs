namespace Keel.Learn.Models.Decisions;

/// <summary>Which side of a threshold is positive.</summary>
public enum ThresholdOperator
{
    /// <summary>Positive when the score is above the threshold.</summary>
    Above,

    /// <summary>Positive when the score is below the threshold (a flipped rule).</summary>
    Below,
}

/// <summary>A deterministic rule on a score: <c>score &gt; t</c> or <c>score &lt; t</c> (Fairlearn's ThresholdOperation).</summary>
public sealed record ThresholdOperation(ThresholdOperator Operator, double Threshold)
{
    public bool IsPositive(double score) => Operator == ThresholdOperator.Above ? score > Threshold : score < Threshold;

    public override string ToString() => $"[{(Operator == ThresholdOperator.Above ? ">" : "<")}{Threshold:G6}]";
}

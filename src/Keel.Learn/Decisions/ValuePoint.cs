namespace Keel.Learn.Decisions;

/// <summary>
/// The value of deciding "act when P(positive) ≥ <see cref="Threshold"/>" on some rows: the outcomes, their total value
/// and the value per decision (the total over the rows). A threshold of +∞ acts on no one.
/// </summary>
public sealed record ValuePoint(double Threshold, BinaryConfusion Confusion, double Total, double PerDecision)
{
    /// <summary>The value per 1,000 decisions.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double PerThousand => PerDecision * 1000;

    /// <summary>The point of <paramref name="confusion"/> at <paramref name="threshold"/> under <paramref name="value"/>.</summary>
    public static ValuePoint Of(double threshold, BinaryConfusion confusion, DecisionValue value) =>
        new(threshold, confusion, value.Total(confusion), value.PerDecision(confusion));
}

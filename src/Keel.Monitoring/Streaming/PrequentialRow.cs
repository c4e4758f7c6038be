namespace Keel.Monitoring.Streaming;

/// <summary>One scored row of a <see cref="PrequentialRun"/>: what the model said, what the label was, and when.</summary>
/// <param name="Row">The row of the table (0-based).</param>
/// <param name="Model">Which model scored it: 0 the first, k the one fitted at the k-th refit.</param>
/// <param name="Predicted">The model's class (its most probable one), as the target names it.</param>
/// <param name="Label">The row's label.</param>
/// <param name="LabelArrivedAfterRow">The row after whose scoring the label arrived (<see cref="Row"/> + the label delay); past the table's last row when it never arrived within the run.</param>
/// <param name="Acted">With a <see cref="DecisionPayoff"/>: whether the decision was to act on the row; otherwise false.</param>
/// <param name="Value">With a <see cref="DecisionPayoff"/>: the decision's value; otherwise 0.</param>
public sealed record PrequentialRow(int Row, int Model, string Predicted, string Label, int LabelArrivedAfterRow, bool Acted, double Value)
{
    /// <summary>Whether the model's class was the label.</summary>
    public bool Correct => string.Equals(Predicted, Label, StringComparison.Ordinal);
}

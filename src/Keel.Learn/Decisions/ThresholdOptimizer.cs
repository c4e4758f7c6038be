namespace Keel.Learn.Decisions;

/// <summary>
/// Chooses the decision threshold that maximises a KPI's value per decision on validation rows. Every distinct score is
/// a cut point, as in scikit-learn's <c>roc_curve(drop_intermediate=False)</c>: a threshold t acts on the rows whose
/// score is at least t, so rows with tied scores are always decided together, and +∞ (no one) comes first. Among
/// cut points of equal value the highest threshold (the fewest actions) wins.
/// </summary>
/// <example>
/// <code>
/// var value = DecisionValue.Of(tp: 450, fp: -50, fn: -500, tn: 0);
/// var choice = ThresholdOptimizer.Choose([0.9, 0.6, 0.3, 0.1], [1, 0, 1, 0], value);
/// // choice.Threshold == 0.3: act on the three highest scores; value per decision (450 − 50 + 450 + 0) / 4 = 212.5
/// </code>
/// </example>
public static class ThresholdOptimizer
{
    /// <summary>The threshold most models use without a KPI.</summary>
    public const double DefaultThreshold = 0.5;

    /// <param name="scores">P(positive) (or any score where higher means more likely positive) of each validation row; finite.</param>
    /// <param name="labels">Each row's label: 1 positive, 0 negative.</param>
    /// <param name="value">What each outcome is worth.</param>
    public static ThresholdChoice Choose(ReadOnlySpan<double> scores, ReadOnlySpan<int> labels, DecisionValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Problems() is { } problems) throw new ArgumentException(problems, nameof(value));
        if (scores.Length != labels.Length) throw new ArgumentException($"{scores.Length} scores but {labels.Length} labels.", nameof(labels));
        if (scores.Length == 0) throw new KeelLearnException("Choosing a threshold needs validation rows; there are none.");
        var positives = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (!double.IsFinite(scores[i])) throw new ArgumentException($"Score {i} is {scores[i]}; every score must be a finite number.", nameof(scores));
            if (labels[i] is not (0 or 1)) throw new ArgumentException($"Label {i} is {labels[i]}; labels must be 0 or 1.", nameof(labels));
            positives += labels[i];
        }
        var negatives = scores.Length - positives;
        var order = scores.ToArray();
        var sortedLabels = labels.ToArray();
        Array.Sort(order, sortedLabels);

        var curve = new List<ValuePoint> { ValuePoint.Of(double.PositiveInfinity, new BinaryConfusion(0, 0, positives, negatives), value) };
        double tp = 0, fp = 0;
        for (var i = order.Length - 1; i >= 0;)
        {
            var cut = order[i];
            for (; i >= 0 && order[i] == cut; i--)
                if (sortedLabels[i] == 1) tp++;
                else fp++;
            curve.Add(ValuePoint.Of(cut, new BinaryConfusion(tp, fp, positives - tp, negatives - fp), value));
        }
        var best = curve[0];
        foreach (var point in curve)
            if (point.PerDecision > best.PerDecision) best = point;
        return new ThresholdChoice
        {
            Value = value,
            Threshold = best.Threshold,
            Chosen = best,
            AtDefault = ValuePoint.Of(DefaultThreshold, BinaryConfusion.At(scores, labels, DefaultThreshold), value),
            Everyone = ValuePoint.Of(double.NegativeInfinity, new BinaryConfusion(positives, negatives, 0, 0), value),
            NoOne = curve[0],
            Curve = curve,
            Rows = scores.Length,
        };
    }
}

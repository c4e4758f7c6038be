namespace Keel.Monitoring.Streaming;

/// <summary>
/// What a binary decision is worth (a benefit is positive, a cost negative), for each of its four outcomes: acting on
/// a row of <see cref="PositiveClass"/> (a true positive), acting on another row (a false positive), not acting on a
/// row of the positive class (a false negative) and not acting on another row (a true negative). A
/// <see cref="PrequentialRun"/> given a payoff acts on a row when acting is worth more in expectation under the
/// model's probability p of the positive class: p·TP + (1 − p)·FP ≥ p·FN + (1 − p)·TN, the cost-sensitive decision of
/// Elkan (2001, "The foundations of cost-sensitive learning", IJCAI), and adds the outcome's value to the total.
/// </summary>
/// <param name="PositiveClass">The class acting on is meant to find, as the target names it.</param>
/// <param name="TruePositive">The value of acting on a row of the positive class.</param>
/// <param name="FalsePositive">The value of acting on a row of another class.</param>
/// <param name="FalseNegative">The value of not acting on a row of the positive class.</param>
/// <param name="TrueNegative">The value of not acting on a row of another class.</param>
/// <example>
/// A call costs 5 and a subscription brings 50: call when p ≥ 0.1.
/// <code>
/// var payoff = new DecisionPayoff("yes", TruePositive: 45, FalsePositive: -5, FalseNegative: 0, TrueNegative: 0);
/// Console.WriteLine(payoff.Threshold); // 0.1
/// </code>
/// </example>
public sealed record DecisionPayoff(string PositiveClass, double TruePositive, double FalsePositive, double FalseNegative, double TrueNegative)
{
    /// <summary>
    /// The probability of the positive class from which acting is worth at least as much as not acting:
    /// (TN − FP) / ((TP − FN) + (TN − FP)); 0 when acting never loses, positive infinity when it never pays.
    /// </summary>
    public double Threshold
    {
        get
        {
            var gain = TruePositive - FalseNegative;
            var loss = TrueNegative - FalsePositive;
            return loss <= 0 ? 0 : gain <= 0 ? double.PositiveInfinity : loss / (gain + loss);
        }
    }

    /// <summary>Whether to act on a row whose probability of the positive class is <paramref name="probability"/>.</summary>
    public bool Acts(double probability) =>
        probability * TruePositive + (1 - probability) * FalsePositive >= probability * FalseNegative + (1 - probability) * TrueNegative;

    /// <summary>The value of a decision on a row: <paramref name="acted"/> on it or not, <paramref name="positive"/> or not.</summary>
    public double ValueOf(bool acted, bool positive) =>
        acted ? positive ? TruePositive : FalsePositive : positive ? FalseNegative : TrueNegative;

    /// <summary>Problems with the payoff, one sentence each; empty when it is valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrEmpty(PositiveClass)) yield return "The payoff's PositiveClass is empty: name the class acting on is meant to find.";
        foreach (var (name, value) in new[] { ("TruePositive", TruePositive), ("FalsePositive", FalsePositive), ("FalseNegative", FalseNegative), ("TrueNegative", TrueNegative) })
            if (!double.IsFinite(value)) yield return $"The payoff's {name} must be a finite number; it is {value}.";
    }
}

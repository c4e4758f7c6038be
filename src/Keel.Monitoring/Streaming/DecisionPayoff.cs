using Keel.Learn.Decisions;

namespace Keel.Monitoring.Streaming;

/// <summary>
/// The business value of a <see cref="PrequentialRun"/>'s binary decisions: the class acting on is meant to find and
/// the <see cref="DecisionValue"/> of each outcome. The run acts on a row when acting is worth more in expectation under
/// the model's probability p of the positive class (<see cref="DecisionValue.ActsAt"/>, the cost-sensitive decision of
/// Elkan 2001), and adds the outcome's value to the total.
/// </summary>
/// <param name="PositiveClass">The class acting on is meant to find, as the target names it.</param>
/// <param name="Value">What each of the four outcomes is worth (a benefit positive, a cost negative).</param>
/// <example>
/// A call costs 5 and a subscription brings 50: call when p ≥ 0.1.
/// <code>
/// var payoff = new DecisionPayoff("yes", DecisionValue.Of(tp: 45, fp: -5, fn: 0, tn: 0));
/// Console.WriteLine(payoff.Threshold); // 0.1
/// </code>
/// </example>
public sealed record DecisionPayoff(string PositiveClass, DecisionValue Value)
{
    /// <summary>The probability of the positive class from which the run acts (<see cref="DecisionValue.BreakEvenThreshold"/>).</summary>
    public double Threshold => Value.BreakEvenThreshold;

    /// <summary>Whether to act on a row whose probability of the positive class is <paramref name="probability"/>.</summary>
    public bool Acts(double probability) => Value.ActsAt(probability);

    /// <summary>The value of a decision on a row: <paramref name="acted"/> on it or not, <paramref name="positive"/> or not.</summary>
    public double ValueOf(bool acted, bool positive) => Value.ValueOf(acted, positive);

    /// <summary>Problems with the payoff, one sentence each; empty when it is valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrEmpty(PositiveClass)) yield return "The payoff's PositiveClass is empty: name the class acting on is meant to find.";
        if (Value is null) yield return "The payoff has no Value: give what each outcome is worth (DecisionValue.Of(tp, fp, fn, tn)).";
        else if (Value.Problems() is { } problems) yield return $"The payoff's value: {problems}";
    }
}

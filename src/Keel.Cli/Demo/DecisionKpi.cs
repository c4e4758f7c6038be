namespace Keel.Cli.Demo;

/// <summary>
/// The business KPI of the demo, an assumption for illustration: calling a customer costs <see cref="CallCost"/>, a
/// subscription earns <see cref="SubscriptionValue"/>. The bank calls the customers whose probability of subscribing
/// is at least the break-even point cost / value, and the KPI is the profit per 1,000 customers considered.
/// </summary>
internal sealed record DecisionKpi(double CallCost, double SubscriptionValue)
{
    /// <summary>The probability at which a call pays for itself on average.</summary>
    public double Threshold => CallCost / SubscriptionValue;

    /// <summary>Profit per 1,000 customers when those with <paramref name="probability"/> at least the threshold are called.</summary>
    public double ProfitPerThousand(IReadOnlyList<double> probability, IReadOnlyList<bool> subscribed)
    {
        if (probability.Count == 0) return double.NaN;
        var profit = 0.0;
        for (var i = 0; i < probability.Count; i++)
            if (probability[i] >= Threshold) profit += (subscribed[i] ? SubscriptionValue : 0) - CallCost;
        return 1000 * profit / probability.Count;
    }
}

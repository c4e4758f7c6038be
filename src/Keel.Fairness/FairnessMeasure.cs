using Keel.Fairness.Metrics;

namespace Keel.Fairness;

/// <summary>One named measure of an audit: Fairlearn's name (e.g. <c>demographic_parity_difference</c>), the method, and the value.</summary>
public sealed record FairnessMeasure(string Name, GroupMethod Method, FairnessValue Value)
{
    /// <summary>Fairlearn's name for the method: <c>between_groups</c> or <c>to_overall</c>.</summary>
    public string MethodName => Method == GroupMethod.BetweenGroups ? "between_groups" : "to_overall";
}

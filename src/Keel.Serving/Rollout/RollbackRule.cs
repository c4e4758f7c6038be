using System.Globalization;

namespace Keel.Serving.Rollout;

/// <summary>
/// The automatic rollback rule of a canary, checked in this order once the canary has answered
/// <see cref="RolloutOptions.RollbackMinRequests"/> requests:
/// <list type="number">
/// <item>error rate: the canary's error rate minus the champion's exceeds <see cref="RolloutOptions.RollbackErrorRate"/>;</item>
/// <item>latency: the canary's p95 is more than <see cref="RolloutOptions.RollbackLatencyRatio"/> times the champion's and at least 1 ms more;</item>
/// <item>accuracy: with at least <see cref="RolloutOptions.RollbackMinLabels"/> labelled rows on each side, the
/// champion's accuracy minus the canary's exceeds <see cref="RolloutOptions.RollbackMetricDrop"/>.</item>
/// </list>
/// The estimate from the models' own probabilities is reported, never acted on: a confidently wrong model expects
/// itself to be right.
/// </summary>
/// <example>
/// <code>
/// var champion = new VariantSnapshot(900, 0, 2.0, 0, 0, double.NaN);
/// var canary = new VariantSnapshot(100, 10, 2.1, 0, 0, double.NaN);
/// RollbackRule.Decide(champion, canary, options)!.Rule; // "error_rate": 10% against 0%
/// </code>
/// </example>
internal static class RollbackRule
{
    /// <summary>The smallest p95 difference the latency rule acts on, in milliseconds.</summary>
    public const double LatencyFloorMs = 1;

    /// <summary>The rule that fires, or null while the canary may go on.</summary>
    public static RollbackDecision? Decide(VariantSnapshot champion, VariantSnapshot canary, RolloutOptions options)
    {
        if (canary.Requests < options.RollbackMinRequests) return null;
        var excess = canary.ErrorRate - champion.ErrorRate;
        if (excess > options.RollbackErrorRate)
            return new("error_rate", Say($"the canary failed {canary.Errors} of {canary.Requests} requests ({canary.ErrorRate:P1}) against the champion's {champion.Errors} of {champion.Requests} ({champion.ErrorRate:P1}): {excess:P1} more, above the allowed {options.RollbackErrorRate:P1}"));
        if (champion.Requests > 0 && champion.LatencyP95Ms > 0 && canary.LatencyP95Ms > champion.LatencyP95Ms * options.RollbackLatencyRatio && canary.LatencyP95Ms - champion.LatencyP95Ms >= LatencyFloorMs)
            return new("latency", Say($"the canary's p95 latency is {canary.LatencyP95Ms:0.###} ms against the champion's {champion.LatencyP95Ms:0.###} ms ({canary.LatencyP95Ms / champion.LatencyP95Ms:0.##} times), above the allowed ratio {options.RollbackLatencyRatio:0.##}"));
        if (canary.Labelled >= options.RollbackMinLabels && champion.Labelled >= options.RollbackMinLabels && champion.Accuracy - canary.Accuracy > options.RollbackMetricDrop)
            return new("accuracy", Say($"on labelled rows the canary's accuracy is {canary.Accuracy:P1} ({canary.Correct} of {canary.Labelled}) against the champion's {champion.Accuracy:P1} ({champion.Correct} of {champion.Labelled}): {champion.Accuracy - canary.Accuracy:P1} lower, above the allowed drop {options.RollbackMetricDrop:P1}"));
        return null;
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

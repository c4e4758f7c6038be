using System.Globalization;
using Keel.Lifecycle.Promotion;
using Keel.Store;

namespace Keel.Cli.Demo;

/// <summary>What the gate decided for a challenger: every check with its detail, and whether the alias moved.</summary>
internal sealed record GateResult(bool Passed, IReadOnlyList<GateCheck> Checks)
{
    public string Why => string.Join("; ", Checks.Where(c => !c.Passed).Select(c => c.Detail));
}

/// <summary>
/// Stages 9 and 10, gate and promote: the challenger must beat the champion on the recent calls beyond the interval
/// (the lower end of the 95 % interval of its gain in ROC AUC above the margin) and pass the model's promotion
/// policy (<see cref="Promoter"/>, the store's gate on <c>champion</c>). Then <c>champion</c> moves to it, audited
/// with the gate's checks; the server picks the alias up at its next refresh. A challenger that fails stays a
/// challenger, and a version tag (audited too) records why.
/// </summary>
internal static class PromotionStep
{
    public static GateResult Gate(IKeelStore store, Challenger challenger, Comparison comparison, double margin)
    {
        var request = new PromotionRequest(DemoRegistry.Model, challenger.Model.Version);
        var evaluated = Promoter.Evaluate(store, request);
        var better = new GateCheck("better than the champion on recent calls", comparison.Better(margin), string.Create(CultureInfo.InvariantCulture,
            $"ROC AUC {comparison.ChallengerRocAuc:0.000} against the champion's {comparison.ChampionRocAuc:0.000} on {comparison.Calls} recent calls; gain {comparison.Gain:+0.000;-0.000}, 95 % interval {comparison.GainLower:+0.000;-0.000} to {comparison.GainUpper:+0.000;-0.000} (needs its lower end above {margin:0.000})"));
        IReadOnlyList<GateCheck> checks = [better, .. evaluated.Decision?.Checks ?? []];
        var result = new GateResult(checks.All(c => c.Passed), checks);
        if (result.Passed)
        {
            Promoter.Apply(store, evaluated);
            store.SetVersionTag(DemoRegistry.Model, challenger.Model.Version, "demo.decision", "promoted: " + better.Detail);
        }
        else
            store.SetVersionTag(DemoRegistry.Model, challenger.Model.Version, "demo.decision", "kept as challenger: " + result.Why);
        return result;
    }
}

using Keel.Data;
using Keel.Learn.Bundles;
using Keel.Store;

namespace Keel.Lifecycle.Promotion;

/// <summary>What to promote: a version of a model to an alias, the data to judge it on, and an admin's override.</summary>
public sealed record PromotionRequest(string Model, int Version, string Alias = "champion")
{
    /// <summary>Labelled evaluation data holding the policy's sensitive columns; null uses the registered metrics.</summary>
    public Table? Data { get; init; }

    /// <summary>How the data is named in the checks' sentences, e.g. its file name.</summary>
    public string DataName { get; init; } = "the evaluation data";

    /// <summary>An admin's reason to move the alias although the gate failed; audited as an override.</summary>
    public string? OverrideJustification { get; init; }
}

/// <summary>What a promotion did: the policy and the gate's decision (null when no policy guards the alias) and the alias move.</summary>
public sealed record PromotionOutcome(PromotionRequest Request, PromotionPolicy? Policy, GateDecision? Decision, bool Moved)
{
    public bool Overridden => Moved && Decision is { Passed: false };
}

/// <summary>
/// Moves aliases through the promotion gate: when the model's registered policy guards the alias, the version's
/// evidence is gathered and checked, and the store moves the alias only on a passed gate or an admin's audited
/// override; a refusal is audited by the store and thrown (<see cref="KeelStoreException.GateRefused"/>) with every
/// failed check. <see cref="Evaluate"/> runs the same gate without moving anything.
/// </summary>
public static class Promoter
{
    public static PromotionOutcome Promote(IKeelStore store, PromotionRequest request) => Apply(store, Evaluate(store, request));

    /// <summary>Moves the alias as an earlier <see cref="Evaluate"/> decided (the store refuses a failed gate).</summary>
    public static PromotionOutcome Apply(IKeelStore store, PromotionOutcome evaluated)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(evaluated);
        var request = evaluated.Request;
        store.SetAlias(request.Model, request.Alias, request.Version, evaluated.Decision);
        return evaluated with { Moved = true };
    }

    /// <summary>The gate's decision without moving the alias (a dry run); null when no policy guards the alias.</summary>
    public static PromotionOutcome Evaluate(IKeelStore store, PromotionRequest request)
    {
        var (policy, decision) = Judge(store, request);
        return new PromotionOutcome(request, policy, decision, Moved: false);
    }

    private static (PromotionPolicy?, GateDecision?) Judge(IKeelStore store, PromotionRequest request)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        var record = store.GetPromotionPolicy(request.Model);
        var version = store.GetVersion(request.Model, request.Version);
        if (record is null || !record.GuardedAliases.Contains(request.Alias)) return (null, null);
        var policy = PromotionPolicy.Parse(record.Text, $"the promotion policy of '{request.Model}'");
        var bundle = ModelBundle.Load(store.GetBundle(version), $"{request.Model} version {request.Version}");
        var evidence = PromotionEvidenceCollector.Collect(policy, version, bundle, store.GetVersionTags(request.Model, request.Version), request.Data, request.DataName);
        return (policy, PromotionGate.Evaluate(policy, evidence, request.OverrideJustification));
    }
}

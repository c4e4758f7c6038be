using System.Globalization;
using System.Text.Json;
using Keel.Data;
using Keel.Lifecycle.Promotion;
using Keel.Store;

namespace Keel.Lifecycle.Retraining;

/// <summary>
/// A deployer's answer to a pending promotion (human approval): approving promotes the challenger to champion through
/// the promotion gate; rejecting leaves it a challenger. Either needs the deployer role, removes the pending record,
/// and records the decision (who, when, why) as a version tag, which the store audits.
/// </summary>
/// <example>
/// <code>
/// using var store = KeelStore.Open(uri, new Actor("dee", Role.Deployer));
/// foreach (var p in RetrainingApprovals.Pending(store, "churn")) Console.WriteLine($"{p.Version}: {p.Reason}");
/// RetrainingApprovals.Approve(store, "churn", 4, TimeProvider.System);
/// </code>
/// </example>
public static class RetrainingApprovals
{
    /// <summary>The model's challengers awaiting approval, oldest first.</summary>
    public static IReadOnlyList<PendingPromotion> Pending(IKeelStore store, string model)
    {
        ArgumentNullException.ThrowIfNull(store);
        var pending = new List<PendingPromotion>();
        foreach (var version in store.ListVersions(model))
            if (store.GetVersionTags(model, version.Version).TryGetValue(LifecycleTags.Pending, out var json))
            {
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                pending.Add(new PendingPromotion(model, version.Version,
                    DateTimeOffset.Parse(root.GetProperty("requested_at").GetString()!, CultureInfo.InvariantCulture),
                    root.GetProperty("champion").GetInt32(), root.GetProperty("reason").GetString() ?? ""));
            }
        return pending;
    }

    /// <summary>
    /// Promotes a pending challenger to champion through the model's promotion gate (judged on <paramref name="data"/>
    /// when given, else on the registered metrics). A lower role than deployer is refused and the refusal audited.
    /// </summary>
    public static PromotionOutcome Approve(IKeelStore store, string model, int version, TimeProvider clock, Table? data = null, string dataName = "the evaluation data", string? note = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        Find(store, model, version);
        var outcome = Promoter.Promote(store, new PromotionRequest(model, version) { Data = data, DataName = dataName });
        Decide(store, model, version, "approved", clock, note);
        return outcome;
    }

    /// <summary>Rejects a pending challenger: it stays a challenger and is no longer pending. Needs the deployer role.</summary>
    public static void Reject(IKeelStore store, string model, int version, TimeProvider clock, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        if (store.Actor.Role < Role.Deployer)
        {
            if (store.Actor.Role >= Role.Predictor)
                store.RecordEvent("lifecycle.reject_denied", $"{model}@{version}", new Dictionary<string, string>
                {
                    ["role"] = store.Actor.Role.ToString().ToLowerInvariant(), ["needed"] = "deployer",
                });
            throw new KeelStoreException($"{store.Actor.Name} ({store.Actor.Role.ToString().ToLowerInvariant()}) may not reject the promotion of {model}@{version}: that needs the deployer role.") { Forbidden = true };
        }
        Find(store, model, version);
        Decide(store, model, version, "rejected", clock, note);
    }

    private static PendingPromotion Find(IKeelStore store, string model, int version) =>
        Pending(store, model).FirstOrDefault(p => p.Version == version)
        ?? throw new KeelDataException($"Version {version} of '{model}' awaits no approval. {(Pending(store, model) is { Count: > 0 } others ? "Pending: " + string.Join(", ", others.Select(p => p.Version)) + "." : "No promotion is pending; `keel lifecycle status --model " + model + "` shows the last cycles.")}");

    private static void Decide(IKeelStore store, string model, int version, string decision, TimeProvider clock, string? note)
    {
        store.SetVersionTag(model, version, LifecycleTags.Decision, JsonSerializer.Serialize(new
        {
            decision, by = store.Actor.Name, at = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), note,
        }, KeelJson.Compact));
        store.SetVersionTag(model, version, LifecycleTags.Pending, null);
    }
}

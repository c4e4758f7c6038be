using Keel.Data;
using Keel.Store;

namespace Keel.Lifecycle.Retraining;

/// <summary>Keeps a model's retraining policy in the store, as the model tag <see cref="LifecycleTags.Policy"/> (audited with its text).</summary>
public static class RetrainingPolicies
{
    /// <summary>Checks the policy, then stores it for the model (trainer role), replacing any earlier one.</summary>
    public static RetrainingPolicy Set(IKeelStore store, string model, string text, string source)
    {
        ArgumentNullException.ThrowIfNull(store);
        var policy = RetrainingPolicy.Parse(text, source);
        store.SetModelTag(model, LifecycleTags.Policy, text);
        return policy;
    }

    /// <summary>The model's stored policy, or null when it has none.</summary>
    public static RetrainingPolicy? Get(IKeelStore store, string model)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.GetModel(model).Tags.TryGetValue(LifecycleTags.Policy, out var text)
            ? RetrainingPolicy.Parse(text, $"the retraining policy of '{model}'")
            : null;
    }

    /// <summary>The model's stored policy; a model without one is refused with what to do.</summary>
    public static RetrainingPolicy Require(IKeelStore store, string model) =>
        Get(store, model) ?? throw new KeelDataException($"Model '{model}' has no retraining policy; set one with `keel lifecycle policy set --model {model} --file retrain.yaml` (see docs/lifecycle.md).");
}

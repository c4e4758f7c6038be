using System.Text.Json;
using Keel.Data;
using Keel.Learn.Bundles;

namespace Keel.Store;

/// <summary>
/// Registers a bundle as the next version of a model, the one way <c>keel models register</c>, the retraining cycle
/// and the demo do it: the bundle's bytes kept as the run's <c>model.keel</c> artifact (by SHA-256), then a version
/// with the manifest's signature, metrics and data fingerprint.
/// </summary>
public static class BundleRegistration
{
    /// <summary>The artifact name under which a run keeps the bundle it registered.</summary>
    public const string ArtifactName = "model.keel";

    /// <summary>
    /// Keeps <paramref name="bundle"/> (the bytes of a verified bundle whose manifest is <paramref name="manifest"/>) in
    /// run <paramref name="runId"/> and registers it as the next version of <paramref name="model"/> (created if new),
    /// with <paramref name="parent"/> as its lineage (default: the manifest's parent).
    /// </summary>
    public static ModelVersion Register(IKeelStore store, string model, byte[] bundle, BundleManifest manifest, string runId, string? parent = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(manifest);
        store.GetOrCreateModel(model);
        var sha = store.PutArtifact(runId, ArtifactName, bundle);
        var signature = JsonSerializer.Serialize(new { inputs = manifest.Inputs, outputs = manifest.Outputs }, KeelJson.Compact);
        var metrics = JsonSerializer.Serialize(manifest.Metrics.ToDictionary(x => x.Name, x => x.Value), KeelJson.Compact);
        return store.CreateVersion(model, sha, signature, metrics, manifest.TrainingData.Fingerprint, runId, parent ?? manifest.Parent);
    }
}

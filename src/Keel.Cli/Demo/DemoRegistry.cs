using System.Text.Json;
using Keel.Data;
using Keel.Learn.Bundles;
using Keel.Store;

namespace Keel.Cli.Demo;

/// <summary>Registers a demo bundle in the store, as <c>keel models register</c> does: the file by SHA-256, then the next version.</summary>
internal static class DemoRegistry
{
    public const string Model = "bank";

    public static ModelVersion Register(IKeelStore store, ModelBundle saved, string path, string runName)
    {
        var m = saved.Manifest;
        store.GetOrCreateModel(Model);
        var run = store.StartRun(Model, runName);
        store.PutArtifact(run.Id, "model.keel", File.ReadAllBytes(path));
        store.LogBatch(run.Id, metrics: m.Metrics.Select(x => new MetricPoint(x.Name, x.Value)).ToList());
        store.EndRun(run.Id);
        var signature = JsonSerializer.Serialize(new { inputs = m.Inputs, outputs = m.Outputs }, KeelJson.Compact);
        var metrics = JsonSerializer.Serialize(m.Metrics.ToDictionary(x => x.Name, x => x.Value), KeelJson.Compact);
        return store.CreateVersion(Model, saved.FileSha256!, signature, metrics, m.TrainingData.Fingerprint, run.Id, m.Parent);
    }
}

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
        store.LogBatch(run.Id, metrics: m.Metrics.Select(x => new MetricPoint(x.Name, x.Value)).ToList());
        var version = BundleRegistration.Register(store, Model, File.ReadAllBytes(path), m, run.Id);
        store.EndRun(run.Id);
        return version;
    }
}

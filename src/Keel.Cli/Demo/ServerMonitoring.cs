using Keel.Store;

namespace Keel.Cli.Demo;

/// <summary>
/// What the server's own monitoring job (every second, over its prediction log) saved in the store during the run:
/// its runs and its alerts by kind. It sees labels only once they have arrived, so its counts depend on timing; the
/// demo's decisions use <see cref="BatchMonitoring"/>, and this is shown beside them.
/// </summary>
internal sealed record ServerMonitoring(int Runs, int Rows, IReadOnlyDictionary<string, int> AlertsByKind)
{
    public static ServerMonitoring Read(IKeelStore store)
    {
        var runs = store.ReadMonitoringRuns(DemoRegistry.Model, limit: 100_000);
        var alerts = store.ReadAlerts(DemoRegistry.Model, limit: 100_000);
        return new ServerMonitoring(runs.Count, runs.Sum(r => r.Rows),
            new SortedDictionary<string, int>(alerts.GroupBy(a => a.Kind).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal));
    }
}

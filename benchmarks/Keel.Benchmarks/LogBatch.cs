using System.Diagnostics;
using Keel.Store;

namespace Keel.Benchmarks;

internal static partial class Modes
{
    /// <summary>
    /// Metric points per second through LogBatch into a store: single points (one call, one transaction each) and
    /// batches of 1,000. A warm-up run of each kind comes first.
    /// </summary>
    internal static int LogBatch(string uri)
    {
        using var store = KeelStore.Open(uri, new Actor("bench", Role.Admin));
        var run = store.StartRun("bench-log-batch");
        for (var i = 0; i < 50; i++) store.LogBatch(run.Id, metrics: [new MetricPoint("warm", i, i)]);
        store.LogBatch(run.Id, metrics: Enumerable.Range(0, 1000).Select(i => new MetricPoint("warm", i, i)).ToArray());

        const int singles = 2000;
        var latencies = new double[singles];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < singles; i++)
        {
            var t = Stopwatch.GetTimestamp();
            store.LogBatch(run.Id, metrics: [new MetricPoint("loss", i * 0.001, i)]);
            latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }
        var singleSeconds = Seconds(start);

        const int batches = 200;
        var batch = Enumerable.Range(0, 1000).Select(i => new MetricPoint("auc", i * 0.0001, i)).ToArray();
        start = Stopwatch.GetTimestamp();
        for (var b = 0; b < batches; b++) store.LogBatch(run.Id, metrics: batch);
        var batchSeconds = Seconds(start);

        Array.Sort(latencies);
        Emit(new
        {
            tool = "keel",
            mode = "log-batch",
            store = store.Location,
            single_points = singles,
            single_points_per_second = singles / singleSeconds,
            single_latency_ms_median = latencies[singles / 2],
            single_latency_ms_p99 = latencies[(int)(singles * 0.99)],
            batched_points = batches * 1000,
            batched_points_per_second = batches * 1000 / batchSeconds,
        });
        return 0;
    }
}

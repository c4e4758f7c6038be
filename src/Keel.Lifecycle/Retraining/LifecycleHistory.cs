using System.Text.Json;
using Keel.Data;
using Keel.Store;

namespace Keel.Lifecycle.Retraining;

/// <summary>The model's past retraining cycles, newest first, read back from the audit log (each cycle's record is an audited tag).</summary>
public static class LifecycleHistory
{
    public static IReadOnlyList<CycleRecord> Cycles(IKeelStore store, string model, int limit = 10)
    {
        ArgumentNullException.ThrowIfNull(store);
        var cycles = new List<CycleRecord>();
        foreach (var entry in store.ReadAudit().Where(e => e.Action == "model.tag" && e.Target == model).Reverse())
        {
            using var details = JsonDocument.Parse(entry.Details);
            if (!details.RootElement.TryGetProperty("key", out var key) || key.GetString() != LifecycleTags.LastCycle) continue;
            if (details.RootElement.TryGetProperty("value", out var value) && value.GetString() is { } json
                && JsonSerializer.Deserialize<CycleRecord>(json, KeelJson.Compact) is { } record)
                cycles.Add(record);
            if (cycles.Count == limit) break;
        }
        return cycles;
    }
}

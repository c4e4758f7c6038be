using System.Collections.Frozen;
using Keel.Anomaly.Streaming;
using Keel.Serving.Inference;

namespace Keel.Serving.Detectors;

/// <summary>
/// The server's named streaming anomaly detectors and their state, in memory (a restart starts them afresh). Each has
/// its own lock: points pushed to one detector are scored and learned one request at a time, in the order the requests
/// take the lock; different detectors never wait for each other.
/// </summary>
internal sealed class DetectorCatalog
{
    private readonly FrozenDictionary<string, Slot> _slots;

    public DetectorCatalog(ServerOptions options) =>
        _slots = options.Detectors.ToFrozenDictionary(d => d.Name, d => new Slot(d, d.Create()), StringComparer.Ordinal);

    public IEnumerable<Slot> All => _slots.Values.OrderBy(s => s.Spec.Name, StringComparer.Ordinal);

    public Slot Get(string name) => _slots.TryGetValue(name, out var slot) ? slot
        : throw RequestException.NotFound(_slots.Count == 0
            ? $"There is no detector '{name}'; this server keeps none (start it with --detector NAME:seasonal or NAME:hst)."
            : $"There is no detector '{name}'; this server keeps {string.Join(", ", _slots.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"))}.");

    /// <summary>One detector, its lock and what it has seen.</summary>
    internal sealed class Slot(DetectorSpec spec, IStreamingAnomalyDetector detector)
    {
        public DetectorSpec Spec { get; } = spec;

        public Lock Gate { get; } = new();

        public IStreamingAnomalyDetector Detector { get; } = detector;

        public DateTime? LastTimestamp { get; set; }

        public long Anomalies { get; set; }
    }
}

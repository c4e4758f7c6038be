using System.Collections.Frozen;
using Keel.Learn.Bundles;
using Keel.Serving.Inference;
using Keel.Serving.Observability;
using Keel.Store;
using Microsoft.Extensions.Logging;

namespace Keel.Serving.Models;

/// <summary>
/// The models the server serves and the version each answers with. A model's current version is one reference,
/// swapped atomically when its alias moves: requests already holding the old version finish on it; new requests get
/// the new one, which is loaded, verified and warmed up before the swap. Nothing fails during a switch. A rollout's
/// challenger (<c>--shadow</c>, <c>--canary</c>) has a slot of its own, loaded and swapped the same way.
/// </summary>
internal sealed class ModelCatalog : IAsyncDisposable
{
    private sealed class Slot(ModelSpec spec)
    {
        public ModelSpec Spec { get; } = spec;

        public ServedModel? Current;

        public readonly SemaphoreSlim Loading = new(1, 1);
    }

    private readonly FrozenDictionary<string, Slot> _slots;
    private readonly Slot? _challenger;
    private readonly IKeelStore _store;
    private readonly BatchingOptions _batching;
    private readonly ServerMetrics _metrics;
    private readonly ILogger _logger;

    public ModelCatalog(ServerOptions options, IKeelStore store, ServerMetrics metrics, ILogger<ModelCatalog> logger)
    {
        _slots = options.Models.ToFrozenDictionary(m => m.Name, m => new Slot(m), StringComparer.Ordinal);
        _challenger = options.Rollout is { } rollout ? new Slot(rollout.Challenger) : null;
        _store = store;
        _metrics = metrics;
        _logger = logger;
        _batching = new BatchingOptions(options.BatchMaxRows, options.BatchMaxWait, Environment.ProcessorCount, metrics.Batch);
    }

    public IEnumerable<string> Names => _slots.Keys;

    public bool AllReady => _slots.Values.All(s => Volatile.Read(ref s.Current) is not null) && (_challenger is null || Volatile.Read(ref _challenger.Current) is not null);

    /// <summary>The rollout challenger of a model at its current version; null when the model has none.</summary>
    public ServedModel? Challenger(string name) =>
        _challenger is { } slot && string.Equals(slot.Spec.Name, name, StringComparison.Ordinal) ? Volatile.Read(ref slot.Current) : null;

    private IEnumerable<Slot> AllSlots => _challenger is null ? _slots.Values : _slots.Values.Append(_challenger);

    public IEnumerable<ServedModel> Loaded => _slots.Values.Select(s => Volatile.Read(ref s.Current)).OfType<ServedModel>();

    /// <summary>The model a request names, at the version it names (or the current one); 404 otherwise.</summary>
    public ServedModel Get(string name, string? version = null)
    {
        if (!_slots.TryGetValue(name, out var slot))
            throw UnknownModel(name);
        var current = Volatile.Read(ref slot.Current)
                      ?? throw new RequestException(503, $"Model '{name}' is not loaded yet; try again shortly (GET /v2/models/{name}/ready says when).");
        if (version is not null && version != current.VersionText)
            throw RequestException.NotFound($"Version {version} of model '{name}' is not served; this server answers with version {current.VersionText} ({name}@{slot.Spec.Reference}).");
        return current;
    }

    public bool IsKnown(string name) => _slots.ContainsKey(name);

    /// <summary>Refuses (404) a model this server does not serve, naming the ones it does.</summary>
    public void RequireKnown(string name)
    {
        if (!_slots.ContainsKey(name)) throw UnknownModel(name);
    }

    private RequestException UnknownModel(string name) =>
        RequestException.NotFound($"There is no model '{name}' on this server; it serves {string.Join(", ", _slots.Keys.Select(k => $"'{k}'"))}.");

    /// <summary>Loads every model; at startup a model that cannot be loaded stops the server with the reason.</summary>
    public async Task LoadAll(CancellationToken cancel)
    {
        foreach (var slot in AllSlots) await Refresh(slot, throwOnError: true, cancel).ConfigureAwait(false);
    }

    /// <summary>Re-resolves every alias and swaps in versions that moved; a failure keeps the version being served.</summary>
    public async Task RefreshAll(CancellationToken cancel)
    {
        foreach (var slot in AllSlots) await Refresh(slot, throwOnError: false, cancel).ConfigureAwait(false);
    }

    /// <summary>Re-resolves one model now (the repository <c>load</c> call); returns the version it serves.</summary>
    public async Task<ServedModel> Reload(string name, CancellationToken cancel)
    {
        if (!_slots.TryGetValue(name, out var slot)) throw UnknownModel(name);
        await Refresh(slot, throwOnError: true, cancel).ConfigureAwait(false);
        if (_challenger is { } challenger && challenger.Spec.Name == name) await Refresh(challenger, throwOnError: true, cancel).ConfigureAwait(false);
        return Volatile.Read(ref slot.Current)!;
    }

    private async Task Refresh(Slot slot, bool throwOnError, CancellationToken cancel)
    {
        await slot.Loading.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var spec = slot.Spec;
            var version = _store.Resolve(spec.Name, spec.Reference);
            var current = Volatile.Read(ref slot.Current);
            if (current is not null && current.Version == version.Version) return;
            var bundle = ModelBundle.Load(_store.GetBundle(version), $"{spec.Name} version {version.Version}");
            var next = new ServedModel(spec.Name, version.Version, spec.Reference, bundle, _batching);
            Volatile.Write(ref slot.Current, next);
            _metrics.ModelLoad(spec.Name, ok: true);
            if (current is null)
                _logger.LogInformation("Serving {Model} version {Version} ({Spec}).", spec.Name, version.Version, spec);
            else
            {
                _logger.LogInformation("{Spec} moved: now serving version {Version} (was {Previous}).", spec, version.Version, current.Version);
                _ = current.DisposeAsync().AsTask(); // the old batcher finishes what it holds, then stops
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _metrics.ModelLoad(slot.Spec.Name, ok: false);
            if (throwOnError) throw new InvalidOperationException($"Cannot load {slot.Spec}: {e.Message}", e);
            _logger.LogWarning("Cannot refresh {Spec}; still serving what was loaded: {Problem}", slot.Spec, e.Message);
        }
        finally
        {
            slot.Loading.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var model in AllSlots.Select(s => Volatile.Read(ref s.Current)).OfType<ServedModel>()) await model.DisposeAsync().ConfigureAwait(false);
    }
}

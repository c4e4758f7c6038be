using Keel.Learn.Bundles;
using Keel.Serving.Models;
using Keel.Serving.Observability;
using Keel.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Keel.Serving.Monitoring;

/// <summary>
/// The monitoring job: every <see cref="MonitorOptions.Every"/>, for each served model, takes the prediction log
/// entries after the last monitored sequence (read from the store's monitoring runs, so a restart continues where
/// the last run stopped), monitors them with the bundle of the version that answered them, and saves the run with its
/// alerts, which go to the webhook. A run covers one version: the log is cut where the version changes, and a stretch
/// that is still growing waits until it has <see cref="MonitorOptions.MinimumRows"/> rows. Only champion entries are
/// monitored as the model's predictions; shadow and canary entries in the same stretch are compared with them in the
/// run's <c>rollout</c> section (<see cref="RolloutComparison"/>). A failing run is logged
/// and tried again at the next interval; the server goes on serving.
/// </summary>
internal sealed class MonitoringJob(
    ServerOptions serverOptions, ModelCatalog catalog, IKeelStore store, AlertWebhook webhook, ServerMetrics metrics, TimeProvider clock, ILogger<MonitoringJob> logger)
    : BackgroundService
{
    private const int EntriesPerRead = 1000;

    private readonly MonitorOptions _options = serverOptions.Monitor;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly Dictionary<(string Model, int Version), ModelBundle> _bundles = [];

    // Made with the job, not when ExecuteAsync gets to run, so the first interval counts from the server's start.
    private readonly PeriodicTimer? _timer = serverOptions.Monitor.Every is { } every ? new PeriodicTimer(every, clock) : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_timer is null) return;
        await Task.Yield();
        ShowLatestRuns();
        try
        {
            while (await _timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await RunOnce(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Monitors every served model's new log entries now; returns the runs saved. Never throws for a model's failure.</summary>
    public async Task<IReadOnlyList<SavedMonitoringRun>> RunOnce(CancellationToken cancel = default)
    {
        await _oneAtATime.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var saved = new List<SavedMonitoringRun>();
            foreach (var name in catalog.Names)
            {
                try
                {
                    MonitorModel(name, saved, cancel);
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception e)
                {
                    metrics.MonitoringFailed(name);
                    logger.LogError(e, "Monitoring {Model} failed; it is tried again at the next interval: {Problem}", name, e.Message);
                }
            }
            return saved;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private void MonitorModel(string name, List<SavedMonitoringRun> saved, CancellationToken cancel)
    {
        if (catalog.Loaded.FirstOrDefault(m => m.Name == name) is not { } served) return;
        var after = store.ReadMonitoringRuns(name, limit: 1).FirstOrDefault()?.ToSequence ?? 0;
        var log = new LogCursor(store, name, after);
        while (!cancel.IsCancellationRequested)
        {
            var (entries, rollout, closed, consumed) = log.NextStretch(_options.MaxRowsPerRun);
            if (entries.Count == 0) return;
            var rows = entries.Sum(e => e.Rows);
            if (!closed && rows < _options.MinimumRows) return;

            var version = entries[0].Version;
            var bundle = version == served.Version ? served.Bundle : BundleOf(name, version);
            var labels = store.ReadFeedbackFor(name, entries.Concat(rollout).Select(e => e.RequestId).Distinct(StringComparer.Ordinal).ToArray())
                .GroupBy(f => f.RequestId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last().Label, StringComparer.Ordinal); // the latest label of a request wins
            var result = LogMonitor.Run(bundle, _options.References.GetValueOrDefault(name), entries, labels, _options.Window);
            var at = clock.GetUtcNow();
            var alerts = RunAlerts.From(result, name, version, at, _options.DriftAlerts);
            var json = MonitoringJson.Serialize(result);
            if (rollout.Count > 0) json = RolloutComparison.AddTo(json, RolloutComparison.Compare(entries, rollout, labels));
            var run = new MonitoringRun(name, version, entries[0].Sequence, entries[^1].Sequence, result.Rows, result.Quality.Count,
                result.Quality.Sum(w => w.Issues.Count), alerts.Count, json, at);
            SavedMonitoringRun stored;
            try
            {
                stored = store.SaveMonitoringRun(run, alerts);
            }
            catch (KeelStoreException e) when (e.Conflict)
            {
                logger.LogInformation("Skipping {Model}: {Problem}", name, e.Message);
                return;
            }
            saved.Add(stored);
            metrics.MonitoringSaved(name, at, alerts.Count);
            logger.LogInformation("Monitored {Model} version {Version}: {Rows} rows in {Windows} windows (log {From} to {To}), {Issues} data-quality issues, {Alerts} alerts.",
                name, version, run.Rows, run.Windows, run.FromSequence, run.ToSequence, run.Issues, run.Alerts);
            foreach (var alert in stored.Alerts) webhook.Enqueue(alert);
            log.Advance(consumed);
        }
    }

    /// <summary>The bundle of a version that is no longer served (entries logged before an alias moved), verified by the registry's SHA-256.</summary>
    private ModelBundle BundleOf(string name, int version)
    {
        if (_bundles.TryGetValue((name, version), out var cached)) return cached;
        var bundle = ModelBundle.Load(store.GetBundle(store.GetVersion(name, version)), $"{name} version {version}");
        if (_bundles.Count >= 8) _bundles.Clear();
        _bundles[(name, version)] = bundle;
        return bundle;
    }

    /// <summary>Puts each model's latest run into the metrics at start, so a restarted server shows its open alerts at once.</summary>
    private void ShowLatestRuns()
    {
        foreach (var name in catalog.Names)
        {
            try
            {
                if (store.ReadMonitoringRuns(name, limit: 1).FirstOrDefault() is { } last) metrics.Monitored(name, last.At, last.Alerts);
            }
            catch (Exception e)
            {
                logger.LogWarning("Cannot read the monitoring runs of {Model}: {Problem}", name, e.Message);
            }
        }
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        _oneAtATime.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Reads a model's log forward in pages and hands out stretches of one version: a stretch ends where the version
    /// changes or the row limit is reached (closed: it will not grow), or at the end of the log (it may still grow).
    /// Only champion entries make a stretch; the shadow and canary entries among them come with it, for the rollout
    /// comparison, and never count as the model's served predictions.
    /// </summary>
    private sealed class LogCursor(IKeelStore store, string model, long after)
    {
        private readonly List<PredictionRecord> _buffer = [];
        private long _readUpTo = after;
        private bool _end;

        public LogStretch NextStretch(int maxRows)
        {
            var stretch = new List<PredictionRecord>();
            var others = new List<PredictionRecord>();
            var rows = 0;
            var consumed = 0;
            for (var i = 0; ; i++)
            {
                if (i == _buffer.Count && !Fill()) return new(stretch, Before(others, consumed), false, consumed);
                var entry = _buffer[i];
                if (!entry.IsChampion)
                {
                    others.Add(entry);
                    continue;
                }
                if (stretch.Count > 0 && (entry.Version != stretch[0].Version || rows + entry.Rows > maxRows)) return new(stretch, Before(others, consumed), true, consumed);
                stretch.Add(entry);
                rows += entry.Rows;
                consumed = i + 1;
            }

            List<PredictionRecord> Before(List<PredictionRecord> list, int end) =>
                end == 0 ? [] : list.Where(e => e.Sequence < _buffer[end - 1].Sequence).ToList();
        }

        /// <summary>Forgets the entries a saved run covered (champion and others up to its last sequence).</summary>
        public void Advance(int entries) => _buffer.RemoveRange(0, entries);

        private bool Fill()
        {
            if (_end) return false;
            var page = store.ReadPredictions(model, _readUpTo, EntriesPerRead);
            if (page.Count < EntriesPerRead) _end = true;
            if (page.Count == 0) return false;
            _buffer.AddRange(page);
            _readUpTo = page[^1].Sequence;
            return true;
        }
    }

    /// <summary>A stretch of one version's champion entries, the rollout entries logged among them, whether it is closed, and how many log entries it spans.</summary>
    private sealed record LogStretch(List<PredictionRecord> Entries, List<PredictionRecord> Rollout, bool Closed, int Consumed);
}

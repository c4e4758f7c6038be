using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Keel.Learn;
using Keel.Learn.Models;
using Keel.Serving.Inference;
using Keel.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Keel.Serving.Logging;

/// <summary>A served request waiting to be written to the prediction log; turned into JSON by the writer, not the request.</summary>
internal sealed record PendingPrediction(string Model, int Version, string RequestId, DateTimeOffset At, double LatencyMs, BoundRequest Inputs, Predictions Outputs, string Variant = PredictionVariants.Champion);

/// <summary>
/// The prediction log between the requests and the store: a bounded in-memory queue that one writer drains in
/// batches, one transaction each. Serving never waits for the store. When the store is slow or down, entries wait in
/// the queue and the writer retries the same batch with backoff; an entry that finds the queue full is counted as
/// dropped, so <c>written + dropped + queued</c> always equals the requests logged. On shutdown the writer drains the
/// queue (within the shutdown timeout) after the last request has been answered.
/// </summary>
internal sealed class PredictionLog : IHostedService, IAsyncDisposable
{
    private readonly Channel<PendingPrediction> _queue;
    private readonly IKeelStore _store;
    private readonly ServerOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abandon = new();
    private Task _writer = Task.CompletedTask;
    private long _enqueued, _written, _dropped, _storeErrors, _inFlight;
    private int _disposed;

    public PredictionLog(IKeelStore store, ServerOptions options, ILogger<PredictionLog> logger)
    {
        _store = store;
        _options = options;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingPrediction>(new BoundedChannelOptions(options.LogQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails at once: the entry is counted as dropped
            SingleReader = true,
        });
    }

    public long Written => Interlocked.Read(ref _written);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long StoreErrors => Interlocked.Read(ref _storeErrors);

    /// <summary>Entries not yet in the store: in the queue, or in the batch being written.</summary>
    public long Pending => _queue.Reader.Count + Interlocked.Read(ref _inFlight);

    public void Add(PendingPrediction entry)
    {
        Interlocked.Increment(ref _enqueued);
        if (!_queue.Writer.TryWrite(entry)) Interlocked.Increment(ref _dropped);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _writer = Task.Run(WriteLoop, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Nothing stops here: in-flight requests may still log. The queue is drained when the host is disposed, after the server has stopped.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return; // registered as a singleton and as a hosted service
        _queue.Writer.TryComplete();
        if (await Task.WhenAny(_writer, Task.Delay(_options.ShutdownTimeout)).ConfigureAwait(false) != _writer)
        {
            await _abandon.CancelAsync().ConfigureAwait(false);
            await _writer.ConfigureAwait(false);
        }
        if (Written + Dropped != Interlocked.Read(ref _enqueued))
            _logger.LogError("The prediction log could not be flushed: {Lost} entries were lost at shutdown (written {Written}, dropped {Dropped}).", Interlocked.Read(ref _enqueued) - Written - Dropped, Written, Dropped);
        else
            _logger.LogInformation("Prediction log flushed: {Written} entries written, {Dropped} dropped.", Written, Dropped);
        _abandon.Dispose();
    }

    private async Task WriteLoop()
    {
        var batch = new List<PendingPrediction>(_options.LogBatchSize);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_abandon.Token).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < _options.LogBatchSize && reader.TryRead(out var entry)) batch.Add(entry);
                Interlocked.Exchange(ref _inFlight, batch.Count);
                var records = batch.Select(ToRecord).ToArray();
                await WriteWithRetry(records).ConfigureAwait(false);
                Interlocked.Add(ref _written, records.Length);
                Interlocked.Exchange(ref _inFlight, 0);
            }
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            var lost = Interlocked.Exchange(ref _inFlight, 0);
            while (reader.TryRead(out _)) lost++;
            Interlocked.Add(ref _dropped, lost);
        }
    }

    private async Task WriteWithRetry(PredictionRecord[] records)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _store.LogPredictions(records);
                if (attempt > 1) _logger.LogInformation("The prediction log reaches the store again after {Attempts} attempts.", attempt);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Interlocked.Increment(ref _storeErrors);
                if (attempt == 1 || attempt % 20 == 0)
                    _logger.LogWarning("Cannot write {Count} prediction log entries to the store (attempt {Attempt}); predictions go on and entries wait in the queue: {Problem}", records.Length, attempt, e.Message);
                await Task.Delay(delay, _abandon.Token).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private static PredictionRecord ToRecord(PendingPrediction p) =>
        new(p.Model, p.Version, p.RequestId, p.At, p.LatencyMs, p.Inputs.Rows, InputsJson(p.Inputs), OutputsJson(p.Outputs), Variant: p.Variant);

    /// <summary>The inputs as sent, column name to values: <c>{"tenure":[3],"Contract":["Month-to-month"]}</c>.</summary>
    internal static string InputsJson(BoundRequest inputs)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var column in inputs.Columns)
            {
                json.WriteStartArray(column.Name);
                if (column.Numbers is { } numbers)
                    foreach (var v in numbers) { if (double.IsNaN(v)) json.WriteNullValue(); else json.WriteNumberValue(v); }
                else
                    foreach (var s in column.Strings!) json.WriteStringValue(s);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The outputs: <c>{"label":["No"],"probabilities":[[0.8,0.2]]}</c>, <c>{"score":[12.5]}</c> or, for an anomaly
    /// detector, <c>{"score":[0.61],"is_anomaly":[true]}</c>.
    /// </summary>
    internal static string OutputsJson(Predictions p)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (p.Task is TaskKind.Regression or TaskKind.Anomaly)
            {
                json.WriteStartArray("score"u8);
                foreach (var v in p.Values!) json.WriteNumberValue(v);
                json.WriteEndArray();
                if (p.Anomalies is { } flags)
                {
                    json.WriteStartArray("is_anomaly"u8);
                    foreach (var f in flags) json.WriteBooleanValue(f);
                    json.WriteEndArray();
                }
            }
            else
            {
                json.WriteStartArray("label"u8);
                foreach (var l in p.Labels!) json.WriteStringValue(l);
                json.WriteEndArray();
                json.WriteStartArray("probabilities"u8);
                var k = p.Classes.Count;
                for (var r = 0; r < p.Rows; r++)
                {
                    json.WriteStartArray();
                    for (var c = 0; c < k; c++) json.WriteNumberValue(p.Probabilities![r * k + c]);
                    json.WriteEndArray();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

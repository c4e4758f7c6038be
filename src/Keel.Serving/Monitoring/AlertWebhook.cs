using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Keel.Serving.Models;
using Keel.Serving.Observability;
using Keel.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Keel.Serving.Monitoring;

/// <summary>
/// Sends each alert to <see cref="MonitorOptions.AlertWebhook"/> as a JSON POST, from a bounded queue that a few
/// workers drain, so neither serving nor the next monitoring run ever waits for the receiver. A failed attempt (an
/// error, a timeout or a status other than 2xx) is retried with exponential backoff up to
/// <see cref="MonitorOptions.WebhookAttempts"/> attempts; every attempt is recorded on the alert in the store. At start
/// the alerts that were not delivered and have attempts left are queued again.
/// </summary>
internal sealed class AlertWebhook : IHostedService, IAsyncDisposable
{
    private const int Workers = 4;

    private readonly MonitorOptions _options;
    private readonly IKeelStore _store;
    private readonly ModelCatalog _catalog;
    private readonly ServerMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Channel<Alert> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient? _http;
    private Task _workers = Task.CompletedTask;
    private int _disposed;

    public AlertWebhook(ServerOptions options, IKeelStore store, ModelCatalog catalog, ServerMetrics metrics, TimeProvider clock, ILogger<AlertWebhook> logger)
    {
        _options = options.Monitor;
        _store = store;
        _catalog = catalog;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
        _queue = Channel.CreateBounded<Alert>(new BoundedChannelOptions(_options.WebhookQueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
        if (_options.AlertWebhook is not null)
            _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = _options.WebhookTimeout };
    }

    public bool Enabled => _http is not null;

    /// <summary>Queues an alert for delivery without waiting; a full queue leaves it undelivered in the store until the next start.</summary>
    public void Enqueue(Alert alert)
    {
        if (!Enabled || _stop.IsCancellationRequested) return;
        if (!_queue.Writer.TryWrite(alert))
        {
            _metrics.WebhookDelivery(delivered: false);
            _logger.LogWarning("The alert webhook queue is full ({Capacity}); alert {Id} of {Model} stays undelivered in the store and is sent after the next start.", _options.WebhookQueueCapacity, alert.Id, alert.Model);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Enabled) return Task.CompletedTask;
        _workers = Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(Work, CancellationToken.None)).Append(Task.Run(Resume, CancellationToken.None)));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _workers.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await _workers.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        _http?.Dispose();
        _stop.Dispose();
    }

    /// <summary>Queues again what an earlier run of the server could not deliver.</summary>
    private void Resume()
    {
        foreach (var model in _catalog.Names)
        {
            try
            {
                foreach (var alert in _store.ReadAlerts(model, limit: _options.WebhookQueueCapacity, undeliveredOnly: true).Reverse())
                    if (alert.Attempts < _options.WebhookAttempts) Enqueue(alert);
            }
            catch (Exception e)
            {
                _logger.LogWarning("Cannot read the undelivered alerts of {Model} from the store; they are sent after a later start: {Problem}", model, e.Message);
            }
        }
    }

    private async Task Work()
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
                while (_queue.Reader.TryRead(out var alert))
                    await Deliver(alert).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Posts one alert until a receiver takes it or its attempts are used up, waiting longer after each failure.</summary>
    internal async Task Deliver(Alert alert)
    {
        var body = Payload(alert);
        var delay = _options.WebhookFirstRetryDelay;
        for (var attempt = alert.Attempts + 1; attempt <= _options.WebhookAttempts; attempt++)
        {
            string? error;
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await _http!.PostAsync(_options.AlertWebhook, content, _stop.Token).ConfigureAwait(false);
                error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                error = e is TaskCanceledException ? $"no answer within {_options.WebhookTimeout.TotalSeconds:0.###} s" : e.Message;
            }
            Record(alert, error);
            if (error is null)
            {
                _metrics.WebhookDelivery(delivered: true);
                if (attempt > 1) _logger.LogInformation("Alert {Id} of {Model} was delivered at attempt {Attempt}.", alert.Id, alert.Model, attempt);
                return;
            }
            _metrics.WebhookFailure();
            if (attempt == _options.WebhookAttempts)
            {
                _metrics.WebhookDelivery(delivered: false);
                _logger.LogError("Alert {Id} of {Model} could not be delivered to the webhook after {Attempts} attempts; the last error: {Error}. It stays in the store (GET /v2/models/{Model}/monitoring).", alert.Id, alert.Model, attempt, error, alert.Model);
                return;
            }
            _logger.LogWarning("Alert {Id} of {Model}: webhook attempt {Attempt} of {Attempts} failed ({Error}); trying again in {Delay} s.", alert.Id, alert.Model, attempt, _options.WebhookAttempts, error, delay.TotalSeconds);
            await Task.Delay(delay, _clock, _stop.Token).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.WebhookMaxRetryDelay.Ticks));
        }
    }

    private void Record(Alert alert, string? error)
    {
        try
        {
            _store.RecordAlertDelivery(alert.Id, _clock.GetUtcNow(), error);
        }
        catch (Exception e)
        {
            _logger.LogWarning("Cannot record the delivery attempt of alert {Id} in the store: {Problem}", alert.Id, e.Message);
        }
    }

    /// <summary>The JSON each receiver gets: <c>{"id", "model", "version", "kind", "column", "message", "at", "run"}</c>.</summary>
    internal static byte[] Payload(Alert alert) =>
        JsonSerializer.SerializeToUtf8Bytes(new AlertPayload(alert.Id, alert.Model, alert.Version, alert.Kind, alert.Column, alert.Message, alert.At, alert.RunId), PayloadOptions);

    private static readonly JsonSerializerOptions PayloadOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record AlertPayload(long Id, string Model, int Version, string Kind, string? Column, string Message, DateTimeOffset At, long? Run);
}

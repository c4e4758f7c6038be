using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Keel.Serving.Observability;

/// <summary>
/// The server's counters and histograms, lock-free, written out in Prometheus' text format by <c>GET /metrics</c>.
/// </summary>
internal sealed class ServerMetrics
{
    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
    private static readonly double[] BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096];

    private readonly ConcurrentDictionary<(string Endpoint, string Model, int Status), Counter> _requests = new();
    private readonly ConcurrentDictionary<string, Histogram> _latency = new(StringComparer.Ordinal);
    private readonly Histogram _batchRows = new(BatchBuckets);
    private readonly ConcurrentDictionary<(string Model, bool Ok), Counter> _loads = new();
    private readonly ConcurrentDictionary<(string Model, bool Ok), Counter> _monitoringRuns = new();
    private readonly ConcurrentDictionary<string, (double LastRunSeconds, int OpenAlerts)> _monitored = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Model, string Variant), VariantCounter> _variants = new();
    private long _rows, _webhookDelivered, _webhookGaveUp, _webhookFailures;

    /// <summary>Requests, failures and latency of one side of a rollout (champion, shadow, canary); resolved once, updated per request.</summary>
    public sealed class VariantCounter
    {
        internal readonly Histogram Latency = new(LatencyBuckets);
        internal long Requests, Errors;

        public void Answered(double seconds)
        {
            Interlocked.Increment(ref Requests);
            Latency.Observe(seconds);
        }

        public void Failed()
        {
            Interlocked.Increment(ref Requests);
            Interlocked.Increment(ref Errors);
        }
    }

    /// <summary>The counter of a rollout side of a model, created on first use.</summary>
    public VariantCounter Variant(string model, string variant) => _variants.GetOrAdd((model, variant), _ => new VariantCounter());

    private sealed class Counter
    {
        public long Value;
    }

    /// <summary>Cumulative buckets as Prometheus wants them, with the sum kept in microunits.</summary>
    internal sealed class Histogram(double[] bounds)
    {
        public readonly double[] Bounds = bounds;
        public readonly long[] Counts = new long[bounds.Length + 1];
        public long SumMicro;

        public void Observe(double value)
        {
            var i = Array.BinarySearch(Bounds, value);
            if (i < 0) i = ~i;
            Interlocked.Increment(ref Counts[i]);
            Interlocked.Add(ref SumMicro, (long)(value * 1e6));
        }
    }

    public void Request(string endpoint, string model, int status) =>
        Interlocked.Increment(ref _requests.GetOrAdd((endpoint, model, status), _ => new Counter()).Value);

    public void Latency(string model, double seconds) =>
        _latency.GetOrAdd(model, _ => new Histogram(LatencyBuckets)).Observe(seconds);

    public void Batch(int rows)
    {
        _batchRows.Observe(rows);
        Interlocked.Add(ref _rows, rows);
    }

    public void ModelLoad(string model, bool ok) => Interlocked.Increment(ref _loads.GetOrAdd((model, ok), _ => new Counter()).Value);

    /// <summary>A monitoring run of a model that failed (it is tried again at the next interval).</summary>
    public void MonitoringFailed(string model) => Interlocked.Increment(ref _monitoringRuns.GetOrAdd((model, false), _ => new Counter()).Value);

    /// <summary>A monitoring run saved: when it ran and how many alerts it raised (the model's open alerts).</summary>
    public void MonitoringSaved(string model, DateTimeOffset at, int alerts)
    {
        Interlocked.Increment(ref _monitoringRuns.GetOrAdd((model, true), _ => new Counter()).Value);
        Monitored(model, at, alerts);
    }

    /// <summary>The state of a model's latest monitoring run, e.g. read back from the store at start.</summary>
    public void Monitored(string model, DateTimeOffset at, int alerts) => _monitored[model] = (at.ToUnixTimeMilliseconds() / 1000.0, alerts);

    /// <summary>An alert delivered to the webhook, or given up on (attempts used up, or the queue was full).</summary>
    public void WebhookDelivery(bool delivered) => Interlocked.Increment(ref delivered ? ref _webhookDelivered : ref _webhookGaveUp);

    /// <summary>One failed webhook attempt.</summary>
    public void WebhookFailure() => Interlocked.Increment(ref _webhookFailures);

    /// <summary>The exposition text; gauges that live elsewhere (log queue, loaded versions) are passed in.</summary>
    public string Render(LogFigures log, IEnumerable<(string Model, int Version, string Reference)> models)
    {
        var text = new StringBuilder(4096);
        Header(text, "keel_requests_total", "counter", "HTTP requests by endpoint, model and status code.");
        foreach (var ((endpoint, model, status), c) in _requests.OrderBy(p => p.Key))
            text.Append($"keel_requests_total{{endpoint=\"{endpoint}\",model=\"{Escape(model)}\",code=\"{status}\"}} {Interlocked.Read(ref c.Value)}\n");
        Header(text, "keel_request_duration_seconds", "histogram", "Inference request latency, from the request's arrival to its answer.");
        foreach (var (model, h) in _latency.OrderBy(p => p.Key, StringComparer.Ordinal))
            WriteHistogram(text, "keel_request_duration_seconds", $"model=\"{Escape(model)}\",", h);
        if (!_variants.IsEmpty) RenderVariants(text);
        Header(text, "keel_batch_rows", "histogram", "Rows per scoring call of the micro-batcher.");
        WriteHistogram(text, "keel_batch_rows", "", _batchRows);
        Header(text, "keel_rows_scored_total", "counter", "Rows scored.");
        text.Append($"keel_rows_scored_total {Interlocked.Read(ref _rows)}\n");
        Header(text, "keel_prediction_log_queue_depth", "gauge", "Prediction log entries waiting for the store.");
        text.Append($"keel_prediction_log_queue_depth {log.Pending}\n");
        Header(text, "keel_prediction_log_written_total", "counter", "Prediction log entries written to the store.");
        text.Append($"keel_prediction_log_written_total {log.Written}\n");
        Header(text, "keel_prediction_log_dropped_total", "counter", "Prediction log entries dropped because the queue was full (the store was slow or down).");
        text.Append($"keel_prediction_log_dropped_total {log.Dropped}\n");
        Header(text, "keel_prediction_log_store_errors_total", "counter", "Failed attempts to write a batch of the prediction log.");
        text.Append($"keel_prediction_log_store_errors_total {log.StoreErrors}\n");
        Header(text, "keel_model_info", "gauge", "The version each served model answers with, and the alias or number that chose it.");
        foreach (var (model, version, reference) in models)
            text.Append($"keel_model_info{{model=\"{Escape(model)}\",version=\"{version}\",reference=\"{Escape(reference)}\"}} 1\n");
        Header(text, "keel_model_loads_total", "counter", "Model version loads, by outcome.");
        foreach (var ((model, ok), c) in _loads.OrderBy(p => p.Key))
            text.Append($"keel_model_loads_total{{model=\"{Escape(model)}\",outcome=\"{(ok ? "loaded" : "failed")}\"}} {Interlocked.Read(ref c.Value)}\n");
        Header(text, "keel_monitoring_runs_total", "counter", "Monitoring runs over the prediction log, by outcome (saved, failed).");
        foreach (var ((model, ok), c) in _monitoringRuns.OrderBy(p => p.Key))
            text.Append($"keel_monitoring_runs_total{{model=\"{Escape(model)}\",outcome=\"{(ok ? "saved" : "failed")}\"}} {Interlocked.Read(ref c.Value)}\n");
        Header(text, "keel_monitoring_last_run_timestamp_seconds", "gauge", "When the latest monitoring run of a model was saved (Unix time).");
        foreach (var (model, state) in _monitored.OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append($"keel_monitoring_last_run_timestamp_seconds{{model=\"{Escape(model)}\"}} {state.LastRunSeconds.ToString(CultureInfo.InvariantCulture)}\n");
        Header(text, "keel_monitoring_open_alerts", "gauge", "Alerts the latest monitoring run of a model raised.");
        foreach (var (model, state) in _monitored.OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append($"keel_monitoring_open_alerts{{model=\"{Escape(model)}\"}} {state.OpenAlerts}\n");
        Header(text, "keel_alert_webhook_deliveries_total", "counter", "Alerts delivered to the webhook, or given up on after every attempt failed.");
        text.Append($"keel_alert_webhook_deliveries_total{{outcome=\"delivered\"}} {Interlocked.Read(ref _webhookDelivered)}\n");
        text.Append($"keel_alert_webhook_deliveries_total{{outcome=\"failed\"}} {Interlocked.Read(ref _webhookGaveUp)}\n");
        Header(text, "keel_alert_webhook_failures_total", "counter", "Failed webhook attempts (errors, timeouts, statuses other than 2xx); each is retried until its attempts are used up.");
        text.Append($"keel_alert_webhook_failures_total {Interlocked.Read(ref _webhookFailures)}\n");
        return text.ToString();
    }

    private void RenderVariants(StringBuilder text)
    {
        var sides = _variants.OrderBy(p => p.Key).ToList();
        Header(text, "keel_variant_requests_total", "counter", "Inference requests each side of a rollout handled: champion, shadow (scored, not returned) or canary (answered).");
        foreach (var ((model, variant), c) in sides)
            text.Append($"keel_variant_requests_total{{model=\"{Escape(model)}\",variant=\"{variant}\"}} {Interlocked.Read(ref c.Requests)}\n");
        Header(text, "keel_variant_errors_total", "counter", "Requests a side of a rollout failed to score (a failed canary is answered by the champion).");
        foreach (var ((model, variant), c) in sides)
            text.Append($"keel_variant_errors_total{{model=\"{Escape(model)}\",variant=\"{variant}\"}} {Interlocked.Read(ref c.Errors)}\n");
        Header(text, "keel_variant_duration_seconds", "histogram", "Latency of each side of a rollout: from arrival to answer for champion and canary, the scoring alone for a shadow.");
        foreach (var ((model, variant), c) in sides)
            WriteHistogram(text, "keel_variant_duration_seconds", $"model=\"{Escape(model)}\",variant=\"{variant}\",", c.Latency);
    }

    internal static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append($"# HELP {name} {help}\n# TYPE {name} {type}\n");

    private static void WriteHistogram(StringBuilder text, string name, string labels, Histogram h)
    {
        long cumulative = 0;
        for (var i = 0; i < h.Bounds.Length; i++)
        {
            cumulative += Interlocked.Read(ref h.Counts[i]);
            text.Append($"{name}_bucket{{{labels}le=\"{h.Bounds[i].ToString(CultureInfo.InvariantCulture)}\"}} {cumulative}\n");
        }
        cumulative += Interlocked.Read(ref h.Counts[^1]);
        text.Append($"{name}_bucket{{{labels}le=\"+Inf\"}} {cumulative}\n");
        var sum = (Interlocked.Read(ref h.SumMicro) / 1e6).ToString(CultureInfo.InvariantCulture);
        var bare = labels.TrimEnd(',');
        text.Append(bare.Length > 0 ? $"{name}_sum{{{bare}}} {sum}\n{name}_count{{{bare}}} {cumulative}\n" : $"{name}_sum {sum}\n{name}_count {cumulative}\n");
    }

    internal static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}

/// <summary>The prediction log's figures at one moment.</summary>
internal sealed record LogFigures(long Pending, long Written, long Dropped, long StoreErrors);

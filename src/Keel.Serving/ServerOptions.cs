using Keel.Serving.Detectors;
using Keel.Serving.Monitoring;
using Keel.Serving.Rollout;

namespace Keel.Serving;

/// <summary>How <c>keel serve</c> runs. Every option has its default written down; <see cref="Validate"/> lists every problem at once.</summary>
public sealed record ServerOptions
{
    /// <summary>The models to serve, as <c>name@alias</c> or <c>name@version</c> (a bare name means <c>name@champion</c>). May be empty when <see cref="Detectors"/> is not.</summary>
    public required IReadOnlyList<ModelSpec> Models { get; init; }

    /// <summary>Named streaming anomaly detectors to keep (<c>--detector cpu:hst</c>), fed by <c>POST /v2/detectors/{name}/points</c>. The default value is none.</summary>
    public IReadOnlyList<DetectorSpec> Detectors { get; init; } = [];

    /// <summary>Where to listen. The default value is http://127.0.0.1:8080.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:8080"];

    /// <summary>A micro-batch closes when it holds this many rows. The default value is 256 (1 to 100,000).</summary>
    public int BatchMaxRows { get; init; } = 256;

    /// <summary>
    /// How long a micro-batch may wait for more requests, only while requests are arriving together (an idle server
    /// scores a lone request at once). The default value is 0.5 ms (0 to 100 ms; 0 never waits).
    /// </summary>
    public TimeSpan BatchMaxWait { get; init; } = TimeSpan.FromMilliseconds(0.5);

    /// <summary>
    /// Prediction log entries kept in memory while the store catches up; each holds its parsed request (about 3 KB for
    /// one row of 14 columns). The default value is 50,000.
    /// </summary>
    public int LogQueueCapacity { get; init; } = 50_000;

    /// <summary>Prediction log entries written to the store per transaction. The default value is 1,000.</summary>
    public int LogBatchSize { get; init; } = 1_000;

    /// <summary>How often aliases are re-resolved in the registry. The default value is 5 s (at least 50 ms).</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest request body accepted. The default value is 16 MiB.</summary>
    public long MaxBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Serve without API keys: allowed only when every URL is a loopback address. The default value is false.</summary>
    public bool InsecureNoAuth { get; init; }

    /// <summary>How long a verified API key is trusted before the store is asked again (a revocation takes effect within it). The default value is 30 s.</summary>
    public TimeSpan KeyCacheDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a shutdown waits for in-flight requests and the prediction log. The default value is 30 s.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Write logs as one JSON object per line (for log collectors) instead of text. The default value is false.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>The monitoring job over the prediction log and its alerts. The default value is off (see <see cref="MonitorOptions"/>).</summary>
    public MonitorOptions Monitor { get; init; } = new();

    /// <summary>A challenger shadowing or canarying one of <see cref="Models"/> (<c>--shadow</c>, <c>--canary</c>). The default value is none.</summary>
    public RolloutOptions? Rollout { get; init; }

    public IEnumerable<string> Validate()
    {
        if (Models.Count == 0 && Detectors.Count == 0) yield return "Name at least one model to serve (--models churn@champion) or a detector to keep (--detector cpu:hst).";
        foreach (var duplicate in Detectors.GroupBy(d => d.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            yield return $"Detector '{duplicate.Key}' is named {duplicate.Count()} times in --detector; give each detector its own name.";
        foreach (var detector in Detectors)
        {
            string? problem = null;
            try { detector.Create(); }
            catch (ArgumentException e) { problem = $"--detector {detector}: {e.Message}"; }
            if (problem is not null) yield return problem;
        }
        foreach (var duplicate in Models.GroupBy(m => m.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            yield return $"Model '{duplicate.Key}' is named {duplicate.Count()} times in --models; serve one alias or version per model.";
        if (Urls.Count == 0) yield return "Give at least one URL to listen on (--urls http://127.0.0.1:8080).";
        foreach (var url in Urls)
            if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != "http" && u.Scheme != "https"))
                yield return $"--urls: '{url}' is not an http:// or https:// URL.";
        if (BatchMaxRows is < 1 or > 100_000) yield return $"--batch-max-rows must be between 1 and 100000; it is {BatchMaxRows}.";
        if (BatchMaxWait < TimeSpan.Zero || BatchMaxWait > TimeSpan.FromMilliseconds(100)) yield return $"--batch-max-wait-ms must be between 0 and 100; it is {BatchMaxWait.TotalMilliseconds}.";
        if (LogQueueCapacity < 1) yield return $"--log-queue must be at least 1; it is {LogQueueCapacity}.";
        if (LogBatchSize < 1) yield return $"--log-batch must be at least 1; it is {LogBatchSize}.";
        if (RefreshInterval < TimeSpan.FromMilliseconds(50)) yield return $"--refresh-seconds must be at least 0.05; it is {RefreshInterval.TotalSeconds}.";
        if (MaxBodyBytes < 1024) yield return $"--max-body-mb is too small ({MaxBodyBytes} bytes); give at least 0.001.";
        if (InsecureNoAuth && Urls.Any(u => !IsLoopback(u)))
            yield return "--insecure-no-auth is allowed only when every --urls address is loopback (127.0.0.1, [::1] or localhost); give clients API keys instead (keel keys create --role predictor).";
        foreach (var problem in Monitor.Problems(Models)) yield return problem;
        if (Rollout is not null)
            foreach (var problem in Rollout.Problems(Models)) yield return problem;
    }

    internal static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) &&
        (u.Host == "localhost" || (System.Net.IPAddress.TryParse(u.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip)));
}

using Keel.Data;

namespace Keel.Serving.Monitoring;

/// <summary>
/// The server's monitoring job and its alerts (<see cref="ServerOptions.Monitor"/>). Off unless <see cref="Every"/> is
/// set. Every option has its default written down; problems are listed with the server's other options.
/// </summary>
public sealed record MonitorOptions
{
    /// <summary>How often each served model's new prediction log entries are monitored. The default value is null: monitoring is off. At least 1 s.</summary>
    public TimeSpan? Every { get; init; }

    /// <summary>Rows per monitoring window. The default value is 1,000. Range 10 to 10,000,000.</summary>
    public int Window { get; init; } = 1000;

    /// <summary>The fewest new rows a run waits for. The default value is null: one <see cref="Window"/>. At least 1.</summary>
    public int? MinRows { get; init; }

    /// <summary>
    /// The most rows one run covers; a longer backlog is worked through in several runs, one after another. The default
    /// value is 100,000. At least the minimum rows.
    /// </summary>
    public int MaxRowsPerRun { get; init; } = 100_000;

    /// <summary>
    /// Labelled reference rows by served model name (the model's validation data, with its label column): with them
    /// a binary classifier's performance is estimated without labels (CBPE) and realized performance gets reference
    /// bands, so a drop raises an alert. The default value is none.
    /// </summary>
    public IReadOnlyDictionary<string, Table> References { get; init; } = new Dictionary<string, Table>();

    /// <summary>Where each alert is POSTed as JSON; null sends none (alerts are still stored). The default value is null.</summary>
    public Uri? AlertWebhook { get; init; }

    /// <summary>Whether a run whose inputs drifted as a whole raises a <c>data_drift</c> alert. The default value is true.</summary>
    public bool DriftAlerts { get; init; } = true;

    /// <summary>Attempts to deliver one alert to the webhook before giving up (counted across restarts). The default value is 5. Range 1 to 20.</summary>
    public int WebhookAttempts { get; init; } = 5;

    /// <summary>The wait before the second attempt; it doubles after each failure. The default value is 1 s.</summary>
    public TimeSpan WebhookFirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts. The default value is 30 s.</summary>
    public TimeSpan WebhookMaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one webhook request may take. The default value is 10 s.</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Alerts waiting for delivery in memory; beyond it an alert stays undelivered in the store until the next start. The default value is 10,000.</summary>
    public int WebhookQueueCapacity { get; init; } = 10_000;

    /// <summary>The rows a run waits for: <see cref="MinRows"/>, or one window.</summary>
    public int MinimumRows => MinRows ?? Window;

    internal IEnumerable<string> Problems(IReadOnlyList<ModelSpec> models)
    {
        if (Every is { } every && every < TimeSpan.FromSeconds(1)) yield return $"--monitor-every must be at least 1s; it is {every.TotalSeconds}s.";
        if (Window is < 10 or > 10_000_000) yield return $"--monitor-window must be 10 to 10000000 rows; it is {Window}.";
        if (MinRows is < 1) yield return $"--monitor-min-rows must be at least 1; it is {MinRows}.";
        if (MaxRowsPerRun < MinimumRows) yield return $"MaxRowsPerRun ({MaxRowsPerRun}) must be at least the rows a run waits for ({MinimumRows}).";
        foreach (var name in References.Keys.Where(n => models.All(m => m.Name != n)))
            yield return $"--monitor-reference names model '{name}', which is not served; serve it with --models or drop the reference.";
        if (Every is null && References.Count > 0) yield return "--monitor-reference needs --monitor-every: the reference is used by the monitoring job.";
        if (Every is null && AlertWebhook is not null) yield return "--alert-webhook needs --monitor-every: alerts come from monitoring runs.";
        if (AlertWebhook is { } hook && (!hook.IsAbsoluteUri || (hook.Scheme != "http" && hook.Scheme != "https")))
            yield return $"--alert-webhook '{hook}' is not an http:// or https:// URL.";
        if (WebhookAttempts is < 1 or > 20) yield return $"WebhookAttempts must be 1 to 20; it is {WebhookAttempts}.";
        if (WebhookFirstRetryDelay <= TimeSpan.Zero || WebhookMaxRetryDelay < WebhookFirstRetryDelay)
            yield return $"WebhookFirstRetryDelay ({WebhookFirstRetryDelay}) must be above zero and at most WebhookMaxRetryDelay ({WebhookMaxRetryDelay}).";
        if (WebhookTimeout <= TimeSpan.Zero) yield return $"WebhookTimeout must be above zero; it is {WebhookTimeout}.";
        if (WebhookQueueCapacity < 1) yield return $"WebhookQueueCapacity must be at least 1; it is {WebhookQueueCapacity}.";
    }
}

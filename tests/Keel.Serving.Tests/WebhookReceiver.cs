using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Keel.Serving.Tests;

/// <summary>
/// A real HTTP receiver for alert webhooks: Kestrel on 127.0.0.1 at a free port. It answers 503 to the first
/// <c>failFirst</c> requests, then 204, and keeps every body it was sent with the time it arrived.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _requests;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request in arrival order: when (since the receiver started), whether it was refused, and its JSON body.</summary>
    public ConcurrentQueue<(TimeSpan At, bool Refused, JsonElement Body)> Requests { get; } = new();

    public IEnumerable<JsonElement> Accepted => Requests.Where(r => !r.Refused).Select(r => r.Body);

    public static async Task<WebhookReceiver> Start(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/alerts", async (HttpContext c) =>
        {
            var body = (await JsonDocument.ParseAsync(c.Request.Body)).RootElement.Clone();
            var refused = Interlocked.Increment(ref receiver._requests) <= failFirst;
            receiver.Requests.Enqueue((receiver._clock.Elapsed, refused, body));
            return refused ? Results.StatusCode(503) : Results.NoContent();
        });
        await app.StartAsync();
        receiver.Url = new Uri(new Uri(app.Urls.First()), "/alerts");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

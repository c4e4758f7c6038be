using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Keel.Serving;
using Keel.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Keel.Cli.Demo;

/// <summary>
/// Stage 2, serve: Keel's model server on 127.0.0.1 at a free port, serving <c>bank@champion</c> from the demo's store
/// (its own connection), with a predictor API key the traffic sends, and its monitoring job running every second. The alias is re-read every 100 ms, so a promotion
/// reaches the server within a fraction of a second, without a restart.
/// </summary>
internal sealed class DemoServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IKeelStore _store;

    private DemoServer(WebApplication app, IKeelStore store, Uri address, HttpClient client)
    {
        _app = app;
        _store = store;
        Address = address;
        Client = client;
    }

    public Uri Address { get; }

    /// <summary>A client that sends the predictor key with every request.</summary>
    public HttpClient Client { get; }

    public static async Task<DemoServer> Start(DemoContext demo)
    {
        var key = demo.Store.CreateApiKey("bank-call-centre", Role.Predictor);
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var store = KeelStore.Open(demo.StoreUri, Actor.LocalUser);
        try
        {
            var options = new ServerOptions
            {
                Models = [ModelSpec.Parse($"{DemoRegistry.Model}@champion")],
                Urls = [address.ToString().TrimEnd('/')],
                RefreshInterval = TimeSpan.FromMilliseconds(100),
                // The server's own monitoring job over its prediction log, every second, in windows of one batch.
                Monitor = new Keel.Serving.Monitoring.MonitorOptions { Every = TimeSpan.FromSeconds(1), Window = demo.Options.BatchRows },
            };
            var app = await KeelServer.Create(options, store, b => b.Logging.ClearProviders(), demo.Cancel).ConfigureAwait(false);
            await app.StartAsync(demo.Cancel).ConfigureAwait(false);
            var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);
            return new DemoServer(app, store, address, client);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().ConfigureAwait(false); // finishes in-flight requests and flushes the prediction log
        await _app.DisposeAsync().ConfigureAwait(false);
        _store.Dispose();
    }
}

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
/// reaches the server within a fraction of a second, without a restart. The server runs a shadow rollout of
/// <c>bank@challenger</c> (Keel's own, as <c>keel serve --shadow</c>): the challenger scores every request after the
/// champion has answered, its rows go to the prediction log as variant <c>shadow</c>, and it follows its alias. The
/// server refuses to start on an alias that names no version, so until a challenger exists <c>challenger</c> names the
/// champion: the shadow is the champion itself.
/// </summary>
/// <summary>The server's figures of its shadow rollout for the current pair of versions.</summary>
internal sealed record ShadowFigures(string Mode, int ChampionVersion, int ChallengerVersion, long Requests, long AgreementRows, double Agreement);

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

    public static async Task<DemoServer> Start(DemoContext demo, DemoModel champion)
    {
        demo.Store.SetAlias(DemoRegistry.Model, "challenger", champion.Version);
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
                Rollout = new Keel.Serving.Rollout.RolloutOptions { Mode = Keel.Serving.Rollout.RolloutMode.Shadow, Challenger = ModelSpec.Parse($"{DemoRegistry.Model}@challenger") },
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

    /// <summary>The server's rollout figures (<c>GET /v2/models/bank/rollout</c>): the shadow's version, requests and agreement.</summary>
    public async Task<ShadowFigures> Rollout(CancellationToken cancel)
    {
        using var response = await Client.GetAsync(new Uri($"/v2/models/{DemoRegistry.Model}/rollout", UriKind.Relative), cancel).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw new DemoFailedException($"the server's rollout endpoint answered {(int)response.StatusCode}: {text}");
        using var json = System.Text.Json.JsonDocument.Parse(text);
        var root = json.RootElement;
        var challenger = root.GetProperty("challenger");
        var agreement = root.GetProperty("agreement");
        var rate = agreement.GetProperty("rate");
        return new ShadowFigures(root.GetProperty("mode").GetString() ?? "", root.GetProperty("champion").GetProperty("version").GetInt32(),
            challenger.GetProperty("version").GetInt32(), challenger.GetProperty("requests").GetInt64(),
            agreement.GetProperty("rows").GetInt64(), rate.ValueKind == System.Text.Json.JsonValueKind.Number ? rate.GetDouble() : double.NaN);
    }

    /// <summary>Waits (up to 10 s) until the server's shadow is <paramref name="version"/>, after the alias moved.</summary>
    public async Task WaitForShadow(int version, CancellationToken cancel)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await Rollout(cancel).ConfigureAwait(false)).ChallengerVersion == version) return;
            await Task.Delay(100, cancel).ConfigureAwait(false);
        }
        throw new DemoFailedException($"the server's shadow did not follow {DemoRegistry.Model}@challenger to version {version} within 10 s.");
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

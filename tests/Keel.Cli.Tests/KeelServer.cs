using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Keel.Cli.Tests;

/// <summary>A real <c>keel serve</c> on a free 127.0.0.1 port, started and waited for until it is ready.</summary>
public static class KeelServer
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts <c>keel serve --models MODELS --urls http://127.0.0.1:PORT --insecure-no-auth EXTRA…</c> in
    /// <paramref name="workFolder"/>, adds the process to <paramref name="servers"/> (for the test to kill), and returns
    /// once /v2/health/ready answers 200, with a client on it and the server's output so far.
    /// </summary>
    public static async Task<(Process Server, HttpClient Client, StringBuilder Log)> Start(string workFolder, List<Process> servers, string models,
        TimeSpan? clientTimeout = null, params string[] extra)
    {
        var port = FreePort();
        var server = KeelProcess.Start(workFolder, ["serve", "--models", models, "--urls", $"http://127.0.0.1:{port}", "--insecure-no-auth", .. extra]);
        servers.Add(server);
        var log = new StringBuilder();
        server.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        server.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = clientTimeout ?? TimeSpan.FromSeconds(30) };
        for (var i = 0; i < 600; i++)
        {
            if (server.HasExited) throw new InvalidOperationException($"keel serve exited with {server.ExitCode}: {log}");
            try
            {
                if ((await client.GetAsync("/v2/health/ready")).StatusCode == HttpStatusCode.OK) return (server, client, log);
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"keel serve did not become ready: {log}");
    }

    /// <summary>POSTs a JSON body and returns the status and the parsed answer.</summary>
    public static async Task<(int Status, JsonElement Body)> Post(HttpClient client, string path, string body)
    {
        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}

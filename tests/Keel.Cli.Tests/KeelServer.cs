using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Keel.Cli.Tests;

/// <summary>
/// A work folder for tests that run <c>keel</c> and real <c>keel serve</c> processes on free 127.0.0.1 ports: every
/// server it started is killed, and the folder deleted, when it is disposed.
/// </summary>
public sealed class KeelServer : IDisposable
{
    private readonly WorkFolder _work = new();
    private readonly List<Process> _servers = [];

    public string Path => _work.Path;

    public string File(string name, string content) => _work.File(name, content);

    /// <summary>Runs <c>keel ARGS</c> in the folder, asserts it succeeded, and returns its standard output.</summary>
    public string Keel(params string[] args)
    {
        var (exit, stdout, stderr) = KeelProcess.Run(Path, args);
        Assert.True(exit == 0, $"keel {string.Join(' ', args)}: {stderr}");
        return stdout;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts <c>keel serve --models MODELS --urls http://127.0.0.1:PORT --insecure-no-auth EXTRA…</c> in the folder and
    /// returns once /v2/health/ready answers 200, with a client on it and the server's output so far.
    /// </summary>
    public async Task<(Process Server, HttpClient Client, StringBuilder Log)> Serve(string models, TimeSpan? clientTimeout = null, params string[] extra)
    {
        var port = FreePort();
        var server = KeelProcess.Start(Path, ["serve", "--models", models, "--urls", $"http://127.0.0.1:{port}", "--insecure-no-auth", .. extra]);
        _servers.Add(server);
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

    public void Dispose()
    {
        foreach (var server in _servers.Where(s => !s.HasExited)) server.Kill(entireProcessTree: true);
        SqliteConnection.ClearAllPools();
        _work.Dispose();
    }
}

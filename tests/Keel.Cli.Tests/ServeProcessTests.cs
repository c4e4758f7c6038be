using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Keel.Cli.Tests;

/// <summary>
/// <c>keel serve</c> as a real process on 127.0.0.1: an alias moved under load, a store that stops answering, a
/// SIGTERM with requests in flight, limits enforced by Kestrel itself.
/// </summary>
public sealed class ServeProcessTests : IDisposable
{
    private readonly KeelServer _work = new();

    public ServeProcessTests()
    {
        var rows = string.Join("\n", Enumerable.Range(0, 300).Select(i => $"{i % 17},{(i * 7) % 5},{(i % 17 + (i * 7) % 5 > 10 ? "yes" : "no")}"));
        _work.File("d.csv", "a,b,y\n" + rows + "\n");
        _work.Keel("train", "--data", "d.csv", "--label", "y", "--trainers", "linear", "--folds", "2", "--out", "m.keel");
        _work.Keel("models", "register", "--model", "m.keel", "--name", "churn");
        _work.Keel("models", "register", "--model", "m.keel", "--name", "churn");
        _work.Keel("models", "alias", "churn", "champion", "1");
    }

    public void Dispose() => _work.Dispose();

    private static int FreePort() => KeelServer.FreePort();

    /// <summary>Starts keel serve without keys on a free loopback port and waits until it is ready.</summary>
    private Task<(Process Server, HttpClient Client, StringBuilder Log)> Serve(params string[] extra) => _work.Serve("churn", null, extra);

    private static string Row(int i) =>
        $"{{\"id\":\"r{i}\",\"inputs\":[{{\"name\":\"a\",\"datatype\":\"FP64\",\"shape\":[1],\"data\":[{i % 17}]}},{{\"name\":\"b\",\"datatype\":\"FP64\",\"shape\":[1],\"data\":[{i % 5}]}}]}}";

    private static async Task<(int Status, JsonElement Body)> Infer(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/v2/models/churn/infer", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task<double> Metric(HttpClient client, string name)
    {
        var text = await client.GetStringAsync("/metrics");
        var line = text.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private long LoggedRows()
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(_work.Path, ".keel", "keel.db")}");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM predictions";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task AliasMovedUnderLoad_SwitchesVersions_WithNoFailedRequest()
    {
        var (_, client, log) = await Serve("--refresh-seconds", "0.2");
        using var stop = new CancellationTokenSource();
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var answered = 0;
        var load = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = w; !stop.IsCancellationRequested; i += 8)
            {
                try
                {
                    var (status, body) = await Infer(client, Row(i));
                    if (status != 200) failures.Add($"{status}: {body}");
                    else seen.AddOrUpdate(body.GetProperty("model_version").GetString()!, 1, (_, n) => n + 1);
                    Interlocked.Increment(ref answered);
                }
                catch (Exception e)
                {
                    failures.Add(e.Message);
                }
            }
        })).ToArray();
        await Task.Delay(1000);

        _work.Keel("models", "alias", "churn", "champion", "2");
        for (var i = 0; i < 100 && !seen.ContainsKey("2"); i++) await Task.Delay(100);
        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Empty(failures);
        Assert.True(seen.ContainsKey("1") && seen.ContainsKey("2"), $"versions seen: {string.Join(", ", seen)}; {log}");
        Assert.True(answered > 100, $"only {answered} requests were answered");
        Assert.Contains("moved: now serving version 2", log.ToString());
    }

    [Fact]
    public async Task StoreLocked_PredictionsContinue_AndWrittenPlusDroppedIsExactlyEveryRequest()
    {
        var (_, client, _) = await Serve("--log-queue", "100", "--log-batch", "20");
        const int total = 600;
        using (var blocker = new SqliteConnection($"Data Source={Path.Combine(_work.Path, ".keel", "keel.db")}"))
        {
            blocker.Open();
            using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                begin.ExecuteNonQuery();
            }
            var statuses = await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                var codes = new List<int>();
                for (var i = w; i < total; i += 4) codes.Add((await Infer(client, Row(i))).Status);
                return codes;
            })));
            Assert.All(statuses.SelectMany(s => s), s => Assert.Equal(200, s));
            Assert.Equal(0, LoggedRows());
            Assert.True(await Metric(client, "keel_prediction_log_dropped_total") > 0);
            using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        double written = 0, dropped = 0;
        for (var i = 0; i < 300; i++)
        {
            written = await Metric(client, "keel_prediction_log_written_total");
            dropped = await Metric(client, "keel_prediction_log_dropped_total");
            if (written + dropped == total && await Metric(client, "keel_prediction_log_queue_depth") == 0) break;
            await Task.Delay(100);
        }

        Assert.Equal(total, written + dropped);
        Assert.Equal((long)written, LoggedRows());
        Assert.True(dropped is > 0 and < total - 100, $"dropped {dropped}");
    }

    /// <summary>A body that arrives slowly, so its request is still in flight when the server is told to stop.</summary>
    private sealed class SlowContent(string body, TimeSpan pause) : HttpContent
    {
        private readonly byte[] _bytes = Encoding.UTF8.GetBytes(body);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_bytes.AsMemory(0, 10));
            await stream.FlushAsync();
            await Task.Delay(pause);
            await stream.WriteAsync(_bytes.AsMemory(10));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }

    [Fact]
    public async Task Sigterm_FinishesInFlightRequests_WaitsForALockedStore_FlushesTheLog_AndExitsCleanly()
    {
        var (server, client, log) = await Serve();
        for (var i = 0; i < 20; i++) Assert.Equal(200, (await Infer(client, Row(i))).Status);
        for (var i = 0; i < 100 && LoggedRows() < 20; i++) await Task.Delay(50);
        using var blocker = new SqliteConnection($"Data Source={Path.Combine(_work.Path, ".keel", "keel.db")}");
        blocker.Open();
        using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }
        for (var i = 20; i < 25; i++) Assert.Equal(200, (await Infer(client, Row(i))).Status);
        var slow = Enumerable.Range(100, 3).Select(i => client.PostAsync("/v2/models/churn/infer", new SlowContent(Row(i), TimeSpan.FromSeconds(1.5)))).ToArray();
        await Task.Delay(400);

        using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        var answers = await Task.WhenAll(slow);
        await Task.Delay(3000); // the store stays locked for a while after the last answer
        Assert.False(server.HasExited, "keel serve exited while its prediction log could not be written yet");
        using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }
        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(30)), "keel serve did not stop within 30 s of the store coming back");
        server.WaitForExit(); // and its output has been read to the end

        foreach (var a in answers) Assert.True(a.StatusCode == HttpStatusCode.OK, await a.Content.ReadAsStringAsync());
        Assert.Equal(0, server.ExitCode);
        Assert.Equal(28, LoggedRows());
        Assert.Contains("Prediction log flushed: 28 entries written, 0 dropped", log.ToString());
    }

    [Fact]
    public async Task KestrelLimitsAndHostileBodies_Answer4xxWithAnError()
    {
        var (_, client, _) = await Serve("--max-body-mb", "0.01");
        var huge = "{\"inputs\":[],\"pad\":\"" + new string('x', 100_000) + "\"}";

        var tooBig = await Infer(client, huge);
        var nested = await Infer(client, "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP64\",\"shape\":[1],\"data\":" + new string('[', 2000) + new string(']', 2000) + "}]}");
        var wrongType = await Infer(client, Row(1).Replace("\"data\":[1]", "\"data\":[\"one\"]"));

        Assert.Equal(413, tooBig.Status);
        Assert.Contains("--max-body-mb", tooBig.Body.GetProperty("error").GetString());
        Assert.Equal(400, nested.Status);
        Assert.Equal(400, wrongType.Status);
        Assert.Contains("'a' is a numeric column", wrongType.Body.GetProperty("error").GetString());
    }

    [Fact]
    public void WithoutKeys_OnAPublicAddressWithoutAuth_OrOnATakenPort_TheServerRefusesToStart()
    {
        var noKeys = KeelProcess.Run(_work.Path, "serve", "--models", "churn", "--urls", $"http://127.0.0.1:{FreePort()}");
        var open = KeelProcess.Run(_work.Path, "serve", "--models", "churn", "--urls", "http://0.0.0.0:1", "--insecure-no-auth");
        var missing = KeelProcess.Run(_work.Path, "serve", "--models", "churn@nope", "--insecure-no-auth", "--urls", $"http://127.0.0.1:{FreePort()}");
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var busy = KeelProcess.Run(_work.Path, "serve", "--models", "churn", "--insecure-no-auth", "--urls", $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}");

        Assert.Equal((1, true), (noKeys.Exit, noKeys.Stderr.Contains("keel keys create")));
        Assert.Equal((1, true), (open.Exit, open.Stderr.Contains("only when every --urls address is loopback")));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("churn@nope", missing.Stderr);
        Assert.Equal((2, true), (busy.Exit, busy.Stderr.Contains("the address is already in use")));
    }
    [Fact]
    public async Task MonitorEvery_RunsTheJobInTheServer_AndItsOptionsAreCheckedAtStart()
    {
        string[] Args(params string[] extra) => ["serve", "--models", "churn", "--insecure-no-auth", "--urls", $"http://127.0.0.1:{FreePort()}", .. extra];
        _work.File("unlabelled.csv", "a,b\n1,2\n3,4\n");
        var badEvery = KeelProcess.Run(_work.Path, Args("--monitor-every", "soon"));
        var noFile = KeelProcess.Run(_work.Path, Args("--monitor-every", "1m", "--monitor-reference", "nope.csv"));
        var noLabel = KeelProcess.Run(_work.Path, Args("--monitor-every", "1m", "--monitor-reference", "unlabelled.csv"));
        var hookAlone = KeelProcess.Run(_work.Path, Args("--alert-webhook", "http://127.0.0.1:9/alerts"));

        Assert.Equal((1, true), (badEvery.Exit, badEvery.Stderr.Contains("--monitor-every \"soon\" is not a duration")));
        Assert.Equal((1, true), (noFile.Exit, noFile.Stderr.Contains("'nope.csv' does not exist")));
        Assert.Equal((2, true), (noLabel.Exit, noLabel.Stderr.Contains("lacks 'y'")));
        Assert.Equal((1, true), (hookAlone.Exit, hookAlone.Stderr.Contains("--alert-webhook needs --monitor-every")));

        var (_, client, log) = await Serve("--monitor-every", "1s", "--monitor-window", "10", "--monitor-reference", "d.csv");
        for (var i = 0; i < 20; i++) Assert.Equal(200, (await Infer(client, Row(i))).Status);
        JsonElement body = default;
        for (var i = 0; i < 300 && (body.ValueKind == JsonValueKind.Undefined || body.GetProperty("runs").GetArrayLength() == 0); i++)
        {
            await Task.Delay(100);
            body = JsonDocument.Parse(await client.GetStringAsync("/v2/models/churn/monitoring")).RootElement.Clone();
        }

        var run = body.GetProperty("runs")[0];
        Assert.True(run.GetProperty("rows").GetInt32() >= 10, log.ToString());
        Assert.True(body.GetProperty("latest").GetProperty("estimated").GetArrayLength() >= 1); // CBPE from the reference
        Assert.Contains("keel_monitoring_runs_total{model=\"churn\",outcome=\"saved\"}", await client.GetStringAsync("/metrics"));
    }
}

using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Keel.Cli.Tests;

/// <summary>
/// Shadow and canary rollouts in a real <c>keel serve</c> process on 127.0.0.1. Three versions of one model: 1, the
/// champion; 2, a challenger trained on inverted labels (it disagrees with the champion on nearly every row, and is
/// wrong once labels arrive); 3, a challenger that reads a column clients do not send (it cannot answer).
/// </summary>
public sealed class RolloutProcessTests : IDisposable
{
    private readonly KeelServer _work = new();

    public RolloutProcessTests()
    {
        static string Label(int a, int b, bool inverted) => (a + b > 10) != inverted ? "yes" : "no";
        var rows = Enumerable.Range(0, 300).Select(i => (A: i % 17, B: (i * 7) % 5, C: i % 3)).ToList();
        _work.File("d.csv", "a,b,y\n" + string.Join("\n", rows.Select(r => $"{r.A},{r.B},{Label(r.A, r.B, false)}")) + "\n");
        _work.File("inverted.csv", "a,b,y\n" + string.Join("\n", rows.Select(r => $"{r.A},{r.B},{Label(r.A, r.B, true)}")) + "\n");
        _work.File("wide.csv", "a,b,c,y\n" + string.Join("\n", rows.Select(r => $"{r.A},{r.B},{r.C},{Label(r.A, r.B, false)}")) + "\n");
        foreach (var (data, bundle) in new[] { ("d.csv", "m.keel"), ("inverted.csv", "inverted.keel"), ("wide.csv", "wide.keel") })
        {
            _work.Keel("train", "--data", data, "--label", "y", "--trainers", "linear", "--folds", "2", "--out", bundle);
            _work.Keel("models", "register", "--model", bundle, "--name", "churn");
        }
        _work.Keel("models", "alias", "churn", "champion", "1");
        _work.Keel("models", "alias", "churn", "challenger", "2");
        _work.Keel("models", "alias", "churn", "broken", "3");
    }

    public void Dispose() => _work.Dispose();

    private static string Truth(int i) => i % 17 + i % 5 > 10 ? "yes" : "no";

    private static string Row(int i, string? id = null) =>
        $"{{\"id\":\"{id ?? $"r{i}"}\",\"inputs\":[{{\"name\":\"a\",\"datatype\":\"FP64\",\"shape\":[1],\"data\":[{i % 17}]}},{{\"name\":\"b\",\"datatype\":\"FP64\",\"shape\":[1],\"data\":[{i % 5}]}}]}}";

    private static async Task<(int Status, string Text)> Send(HttpClient client, string path, string body, string? customer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (customer is not null) request.Headers.Add("customer", customer);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Version(string response) => JsonDocument.Parse(response).RootElement.GetProperty("model_version").GetString()!;

    private static async Task<JsonElement> Rollout(HttpClient client) => (await client.GetFromJsonAsync<JsonElement>("/v2/models/churn/rollout"))!;

    private static async Task<double> Metric(HttpClient client, string series)
    {
        var text = await client.GetStringAsync("/metrics");
        var line = text.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal)) ?? throw new InvalidOperationException($"No {series} in /metrics:\n{text}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    private List<(string Id, string Variant, long Version)> Logged()
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(_work.Path, ".keel", "keel.db")};Mode=ReadOnly");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = "SELECT request_id, variant, version FROM predictions ORDER BY seq";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, long)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return rows;
    }

    private List<(string Kind, string Message)> Alerts()
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(_work.Path, ".keel", "keel.db")};Mode=ReadOnly");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = "SELECT kind, message FROM alerts ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private List<(string Action, string Target, string Details)> Audit()
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(_work.Path, ".keel", "keel.db")};Mode=ReadOnly");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = "SELECT action, target, details FROM audit_log ORDER BY seq";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    private static async Task Eventually(Func<Task<bool>> condition, Func<string> because)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail(because());
    }

    private static async Task SendLabels(HttpClient client, IEnumerable<int> rows)
    {
        var items = string.Join(",", rows.Select(i => $"{{\"id\":\"r{i}\",\"label\":\"{Truth(i)}\"}}"));
        var (status, text) = await Send(client, "/v2/models/churn/feedback", $"{{\"feedback\":[{items}]}}");
        Assert.True(status == 200, text);
    }

    [Fact]
    public async Task Shadow_AnswersAreTheChampions_AndTheShadowIsLoggedUnderTheSameRequestIds()
    {
        var (_, client, log) = await _work.Serve("churn", null, "--shadow", "churn@challenger", "--monitor-every", "1s", "--monitor-window", "10", "--monitor-min-rows", "120");
        const int requests = 60;

        for (var i = 0; i < requests; i++)
        {
            var (status, shadowed) = await Send(client, "/v2/models/churn/infer", Row(i));
            var (_, championOnly) = await Send(client, "/v2/models/churn/versions/1/infer", Row(i, $"r{i}"));
            Assert.Equal(200, status);
            Assert.Equal(championOnly, shadowed);
        }
        await Eventually(async () => await Metric(client, "keel_prediction_log_written_total") >= 3 * requests, () => $"the log was not written: {log}");
        await SendLabels(client, Enumerable.Range(0, requests));

        var logged = Logged();
        var shadowIds = logged.Where(e => e.Variant == "shadow").Select(e => e.Id).ToList();
        Assert.Equal(Enumerable.Range(0, requests).Select(i => $"r{i}"), shadowIds);
        Assert.All(logged.Where(e => e.Variant == "shadow"), e => Assert.Equal(2, e.Version));
        Assert.Equal(2 * requests, logged.Count(e => e.Variant == "champion")); // the rollout path and the version path
        Assert.Equal(requests, await Metric(client, "keel_variant_requests_total{model=\"churn\",variant=\"shadow\"}"));
        Assert.Equal(requests, await Metric(client, "keel_variant_requests_total{model=\"churn\",variant=\"champion\"}"));
        Assert.True(await Metric(client, "keel_shadow_disagreements_total{model=\"churn\"}") > requests / 2);
        Assert.Equal(0, await Metric(client, "keel_shadow_queue_dropped_total{model=\"churn\"}"));
        Assert.Equal(1, await Metric(client, "keel_rollout_state{model=\"churn\",mode=\"shadow\",champion_version=\"1\",challenger_version=\"2\"}"));

        var rollout = await Rollout(client);
        Assert.Equal("shadow", rollout.GetProperty("mode").GetString());
        Assert.Equal(requests, rollout.GetProperty("agreement").GetProperty("rows").GetInt64());
        var championAccuracy = rollout.GetProperty("champion").GetProperty("accuracy").GetDouble();
        var shadowAccuracy = rollout.GetProperty("challenger").GetProperty("accuracy").GetDouble();
        Assert.True(championAccuracy > 0.8 && shadowAccuracy < 0.2, $"champion {championAccuracy}, shadow {shadowAccuracy}");

        JsonElement latest = default;
        await Eventually(async () =>
        {
            var monitoring = await client.GetFromJsonAsync<JsonElement>("/v2/models/churn/monitoring");
            return monitoring.TryGetProperty("latest", out latest) && latest.ValueKind == JsonValueKind.Object;
        }, () => $"no monitoring run: {log}");
        Assert.Equal(2 * requests, latest.GetProperty("rows").GetInt32()); // champion entries only: the shadow's are not served predictions
        var comparison = latest.GetProperty("rollout");
        Assert.Equal("shadow", comparison.GetProperty("challengers")[0].GetProperty("variant").GetString());
        Assert.True(comparison.GetProperty("agreement")[0].GetProperty("rows").GetInt32() > 0);
    }

    [Fact]
    public async Task Shadow_FollowsItsAlias_WhenItMoves()
    {
        var (_, client, log) = await _work.Serve("churn", null, "--shadow", "churn@challenger", "--refresh-seconds", "0.2");
        Assert.Equal(200, (await Send(client, "/v2/models/churn/infer", Row(1))).Status);
        Assert.Equal(2, (await Rollout(client)).GetProperty("challenger").GetProperty("version").GetInt32());

        _work.Keel("models", "alias", "churn", "challenger", "3");
        await Eventually(async () => (await Rollout(client)).GetProperty("challenger").GetProperty("version").GetInt32() == 3, () => $"the shadow did not move: {log}");
        for (var i = 0; i < 10; i++) Assert.Equal(200, (await Send(client, "/v2/models/churn/infer", Row(i))).Status);

        await Eventually(async () => await Metric(client, "keel_variant_errors_total{model=\"churn\",variant=\"shadow\"}") == 10, () => $"version 3 reads a column clients do not send, so each shadow request fails: {log}");
        var rollout = await Rollout(client);
        Assert.Equal(10, rollout.GetProperty("challenger").GetProperty("requests").GetInt64()); // the new pair of versions starts afresh
        Assert.Equal(1, await Metric(client, "keel_rollout_state{model=\"churn\",mode=\"shadow\",champion_version=\"1\",challenger_version=\"3\"}"));
    }

    [Fact]
    public async Task Canary_SendsItsShareWithinBinomialTolerance_AndAKeyAlwaysGoesTheSameWay()
    {
        var (_, client, _) = await _work.Serve("churn", null, "--canary", "churn@challenger", "--canary-share", "0.3", "--canary-key", "customer",
            "--rollback-min-requests", "100000");
        const int customers = 400;

        var firstVersion = new string[customers];
        for (var i = 0; i < customers; i++)
        {
            var (status, text) = await Send(client, "/v2/models/churn/infer", Row(i), $"customer-{i}");
            Assert.Equal(200, status);
            firstVersion[i] = Version(text);
        }
        for (var i = 0; i < 40; i++)
            Assert.Equal(firstVersion[i], Version((await Send(client, "/v2/models/churn/infer", Row(i + 1), $"customer-{i}")).Text));

        var canary = firstVersion.Count(v => v == "2");
        var sd = Math.Sqrt(customers * 0.3 * 0.7); // 9.2
        Assert.InRange(canary, customers * 0.3 - 4 * sd, customers * 0.3 + 4 * sd);
        Assert.All(firstVersion, v => Assert.Contains(v, new[] { "1", "2" }));
        var rollout = await Rollout(client);
        Assert.Equal("active", rollout.GetProperty("state").GetString());
        Assert.Equal(canary + firstVersion.Take(40).Count(v => v == "2"), rollout.GetProperty("challenger").GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task Canary_ThatCannotAnswer_IsRolledBack_AndNoClientSeesItsFailure_AndStaysRolledBackAfterARestart()
    {
        var (server, client, log) = await _work.Serve("churn", null, "--canary", "churn@broken", "--canary-share", "0.5",
            "--rollback-min-requests", "20", "--rollback-latency-ratio", "1000");

        for (var i = 0; i < 120; i++)
        {
            var (status, text) = await Send(client, "/v2/models/churn/infer", Row(i));
            Assert.True(status == 200, text);
            Assert.Equal("1", Version(text));
        }

        var rollout = await Rollout(client);
        Assert.Equal("rolled_back", rollout.GetProperty("state").GetString());
        var why = rollout.GetProperty("rolled_back");
        Assert.Equal("error_rate", why.GetProperty("rule").GetString());
        Assert.Contains("the canary failed 20 of 20 requests (100.0 %)", why.GetProperty("reason").GetString());
        Assert.Equal(20, rollout.GetProperty("challenger").GetProperty("requests").GetInt64()); // nothing went to it after the rollback
        Assert.Equal(0, await Metric(client, "keel_rollout_state{model=\"churn\",mode=\"canary\",champion_version=\"1\",challenger_version=\"3\"}"));
        Assert.Equal(20, await Metric(client, "keel_variant_errors_total{model=\"churn\",variant=\"canary\"}"));
        await Eventually(() => Task.FromResult(Alerts().Any(a => a.Kind == "rollout_rollback")), () => $"no alert: {log}");
        await Eventually(() => Task.FromResult(Audit().Any(a => a.Action == "rollout.rollback")), () => $"no audit entry: {log}");
        var audited = Audit().Single(a => a.Action == "rollout.rollback");
        Assert.Equal("churn@3", audited.Target);
        Assert.Contains("\"rule\":\"error_rate\"", audited.Details);
        Assert.Contains("Rolled back the canary of churn", log.ToString());

        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        var (_, restarted, restartLog) = await _work.Serve("churn", null, "--canary", "churn@broken", "--canary-share", "0.5", "--rollback-min-requests", "20");
        for (var i = 0; i < 10; i++) Assert.Equal(200, (await Send(restarted, "/v2/models/churn/infer", Row(i))).Status);
        var after = await Rollout(restarted);
        Assert.Equal("rolled_back", after.GetProperty("state").GetString());
        Assert.Equal(0, after.GetProperty("challenger").GetProperty("requests").GetInt64());
        Assert.Contains("stays rolled back", restartLog.ToString());
    }

    [Fact]
    public async Task Canary_WrongOnceLabelsArrive_IsRolledBack_AndTheChampionThenAnswersAll()
    {
        var (_, client, log) = await _work.Serve("churn", null, "--canary", "churn@challenger", "--canary-share", "0.5",
            "--rollback-min-requests", "10", "--rollback-min-labels", "20", "--rollback-latency-ratio", "1000");

        var versions = new List<string>();
        for (var i = 0; i < 80; i++) versions.Add(Version((await Send(client, "/v2/models/churn/infer", Row(i))).Text));
        Assert.Equal(40, versions.Count(v => v == "2")); // without a key, exactly the share
        Assert.Equal("active", (await Rollout(client)).GetProperty("state").GetString());

        await SendLabels(client, Enumerable.Range(0, 80));

        var rollout = await Rollout(client);
        Assert.Equal("rolled_back", rollout.GetProperty("state").GetString());
        Assert.Equal("accuracy", rollout.GetProperty("rolled_back").GetProperty("rule").GetString());
        Assert.True(rollout.GetProperty("challenger").GetProperty("accuracy").GetDouble() < 0.2);
        for (var i = 80; i < 120; i++)
        {
            var (status, text) = await Send(client, "/v2/models/churn/infer", Row(i));
            Assert.Equal(200, status);
            Assert.Equal("1", Version(text));
        }
        await Eventually(async () =>
        {
            var monitoring = await client.GetFromJsonAsync<JsonElement>("/v2/models/churn/monitoring");
            return monitoring.GetProperty("rollbacks").GetArrayLength() == 1;
        }, () => $"no rollback in /monitoring: {log}");
        await Eventually(() => Task.FromResult(Logged().Count == 120), () => "the log was not written");
        Assert.Equal(40, Logged().Count(e => e.Variant == "canary" && e.Version == 2));
    }

    [Fact]
    public async Task BadRequests_InEveryMode_Are4xxWithAnError()
    {
        foreach (var mode in new[] { new[] { "--shadow", "churn@challenger" }, ["--canary", "churn@broken", "--canary-share", "0.9", "--canary-key", "a"] })
        {
            var (_, client, _) = await _work.Serve("churn", null, mode);
            foreach (var (body, expected) in new[] { ("{\"inputs\": [", 400), ("{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP64\",\"shape\":[1],\"data\":[1]}]}", 400), ("", 400) })
            {
                var (status, text) = await Send(client, "/v2/models/churn/infer", body);
                Assert.True(status == expected, $"{string.Join(' ', mode)}: {status} {text}");
                Assert.True(JsonDocument.Parse(text).RootElement.TryGetProperty("error", out _), text);
            }
            var (unknown, _) = await Send(client, "/v2/models/fraud/infer", Row(1));
            Assert.Equal(404, unknown);
            Assert.Equal(404, (int)(await client.GetAsync("/v2/models/fraud/rollout")).StatusCode);
            var good = await Send(client, "/v2/models/churn/infer", Row(3));
            Assert.Equal(200, good.Status);
            Assert.DoesNotContain("code=\"500\"", await client.GetStringAsync("/metrics"));
        }
    }

    [Fact]
    public void Serve_BadRolloutOptions_AreRefusedTogether()
    {
        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "serve", "--models", "churn", "--insecure-no-auth", "--canary", "fraud@challenger",
            "--canary-share", "1.5", "--rollback-min-requests", "0");
        var (both, _, bothErr) = KeelProcess.Run(_work.Path, "serve", "--models", "churn", "--insecure-no-auth", "--shadow", "churn@challenger", "--canary", "churn@broken", "--canary-share", "0.2");

        Assert.Equal(1, exit);
        Assert.Contains("model 'fraud' is not served", stderr);
        Assert.Contains("--canary-share must be above 0 and below 1; it is 1.5.", stderr);
        Assert.Contains("--rollback-min-requests must be at least 1; it is 0.", stderr);
        Assert.Equal(1, both);
        Assert.Contains("Give --shadow or --canary, not both", bothErr);
    }
}

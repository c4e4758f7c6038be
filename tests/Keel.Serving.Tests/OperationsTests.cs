using System.Text.Json;

namespace Keel.Serving.Tests;

/// <summary>What operators rely on: the prediction log, feedback, metrics, and moving an alias under a running server.</summary>
public class OperationsTests(ServingFixture f) : IClassFixture<ServingFixture>
{
    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(25);
        Assert.True(condition());
    }

    [Fact]
    public async Task EveryAnsweredRequest_ReachesThePredictionLog_WithItsInputsAndOutputs()
    {
        var before = f.Store.CountPredictions("charges");
        var client = f.Client(f.PredictorKey);
        var rows = ServingFixture.Telco.Take([20, 21]);

        for (var i = 0; i < 5; i++)
            Assert.Equal(200, (await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/charges/infer", ServingFixture.Request(f.Charges, rows, id: $"log-{i}"))).Status);

        await Eventually(() => f.Store.CountPredictions("charges") == before + 5);
        var entry = f.Store.ReadPredictions("charges").Single(p => p.RequestId == "log-3");
        Assert.Equal((1, 2), (entry.Version, entry.Rows));
        var inputs = JsonDocument.Parse(entry.Inputs).RootElement;
        Assert.Equal([rows["tenure"].FormatValue(0), rows["tenure"].FormatValue(1)], inputs.GetProperty("tenure").EnumerateArray().Select(v => v.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(rows["Contract"].FormatValue(1), inputs.GetProperty("Contract")[1].GetString());
        var score = JsonDocument.Parse(entry.Outputs).RootElement.GetProperty("score").EnumerateArray().Select(v => v.GetDouble());
        Assert.Equal(f.Charges.Predict(rows).Values!, score);
        Assert.True(entry.LatencyMs > 0);
    }

    [Fact]
    public async Task InputsTheModelDoesNotRead_AreNotScoredButLogged()
    {
        var rows = ServingFixture.Telco.Take([50]);
        var request = ServingFixture.Request(f.Charges, rows, id: "extra-1").Replace("\"inputs\":[", "\"inputs\":[{\"name\":\"gender\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"Female\"]},");

        var (status, body) = await ServingFixture.Send(f.Client(f.PredictorKey), HttpMethod.Post, "/v2/models/charges/infer", request);

        Assert.Equal(200, status);
        Assert.Equal(f.Charges.Predict(rows).Values![0], body.GetProperty("outputs")[0].GetProperty("data")[0].GetDouble());
        await Eventually(() => f.Store.ReadPredictions("charges", limit: 100_000).Any(p => p.RequestId == "extra-1"));
        var logged = f.Store.ReadPredictions("charges", limit: 100_000).Single(p => p.RequestId == "extra-1");
        Assert.Equal("Female", JsonDocument.Parse(logged.Inputs).RootElement.GetProperty("gender")[0].GetString());
    }

    [Fact]
    public async Task Feedback_ByRequestId_IsStoredAndMatched()
    {
        var client = f.Client(f.PredictorKey);
        await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/churn/infer", ServingFixture.Request(f.Churn, ServingFixture.Telco.Take([30]), id: "fb-1"));
        await Eventually(() => f.Store.ReadPredictions("churn", limit: 100_000).Any(p => p.RequestId == "fb-1"));

        var one = await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/churn/feedback", "{\"id\":\"fb-1\",\"label\":\"Yes\"}");
        var many = await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/churn/feedback", "{\"feedback\":[{\"id\":\"fb-1\",\"label\":\"No\"},{\"id\":\"never-served\",\"label\":\"No\"}]}");
        var bad = await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/churn/feedback", "{\"label\":\"No\"}");

        Assert.Equal((200, 1, 1), (one.Status, one.Body.GetProperty("accepted").GetInt32(), one.Body.GetProperty("matched").GetInt32()));
        Assert.Equal((200, 2, 1), (many.Status, many.Body.GetProperty("accepted").GetInt32(), many.Body.GetProperty("matched").GetInt32()));
        Assert.Equal(400, bad.Status);
        Assert.Contains("needs \"id\"", bad.Body.GetProperty("error").GetString());
        Assert.Contains(f.Store.ReadFeedback("churn"), x => x.RequestId == "fb-1" && x.Label == "\"Yes\"" && x.Actor == "app");
    }

    [Fact]
    public async Task Metrics_ArePrometheusText_WithRequestsLatencyBatchesLogAndVersions()
    {
        var client = f.Client(f.PredictorKey);
        await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/numeric/infer", ServingFixture.Request(f.Numeric, ServingFixture.Telco.Take([1])));
        await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/numeric/infer", "{}");

        var text = await f.Client().GetStringAsync("/metrics");

        Assert.Contains("keel_requests_total{endpoint=\"infer\",model=\"numeric\",code=\"200\"}", text);
        Assert.Contains("keel_requests_total{endpoint=\"infer\",model=\"numeric\",code=\"400\"}", text);
        Assert.Contains("keel_request_duration_seconds_bucket{model=\"numeric\",le=\"+Inf\"}", text);
        Assert.Contains("# TYPE keel_batch_rows histogram", text);
        Assert.Contains("keel_prediction_log_dropped_total 0", text);
        Assert.Contains("keel_model_info{model=\"churn\",version=\"1\",reference=\"champion\"} 1", text);
        Assert.Contains("keel_model_info{model=\"charges\",version=\"1\",reference=\"1\"} 1", text);
    }

    [Fact]
    public async Task MovingTheAlias_ThenLoad_SwitchesVersionsWithoutAFailedRequest()
    {
        var app = await f.StartServer(new ServerOptions { Models = [ModelSpec.Parse("churn@staging")], RefreshInterval = TimeSpan.FromHours(1) }
            .WithAlias(f.Store, "churn", "staging", 1));
        try
        {
            var client = f.Client(f.PredictorKey, app);
            var body = ServingFixture.Request(f.Churn, ServingFixture.Telco.Take([40]));
            using var stop = new CancellationTokenSource();
            var versions = new System.Collections.Concurrent.ConcurrentBag<string>();
            var failures = 0;
            var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var (status, answer) = await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/churn/infer", body);
                    if (status != 200) Interlocked.Increment(ref failures);
                    else versions.Add(answer.GetProperty("model_version").GetString()!);
                }
            })).ToArray();
            await Task.Delay(200);

            f.Store.SetAlias("churn", "staging", 2);
            var reload = await ServingFixture.Send(f.Client(f.DeployerKey, app), HttpMethod.Post, "/v2/repository/models/churn/load");
            await Task.Delay(200);
            await stop.CancelAsync();
            await Task.WhenAll(load);

            Assert.Equal((200, "2"), (reload.Status, reload.Body.GetProperty("version").GetString()));
            Assert.Equal(0, failures);
            Assert.Contains("1", versions);
            Assert.Contains("2", versions);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public void Options_AreValidatedTogether_AndNoAuthOnlyOnLoopback()
    {
        var options = new ServerOptions
        {
            Models = [ModelSpec.Parse("churn"), ModelSpec.Parse("churn@2")],
            Urls = ["http://0.0.0.0:8080"],
            BatchMaxRows = 0,
            InsecureNoAuth = true,
        };

        var problems = options.Validate().ToList();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("'churn' is named 2 times"));
        Assert.Contains(problems, p => p.Contains("--batch-max-rows"));
        Assert.Contains(problems, p => p.Contains("--insecure-no-auth is allowed only"));
        Assert.Empty((options with { Models = [ModelSpec.Parse("churn")], Urls = ["http://127.0.0.1:1", "http://localhost:2", "http://[::1]:3"], BatchMaxRows = 8 }).Validate());
    }
}

internal static class ServerOptionsTestExtensions
{
    /// <summary>Points an alias before a server is started on it.</summary>
    public static ServerOptions WithAlias(this ServerOptions options, Keel.Store.IKeelStore store, string model, string alias, int version)
    {
        store.SetAlias(model, alias, version);
        return options;
    }
}

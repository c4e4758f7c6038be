using System.Text.Json;
using System.Text.Json.Nodes;
using Keel.Data;
using Keel.Serving.Monitoring;
using Keel.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Keel.Serving.Tests;

/// <summary>
/// The monitoring job inside the server, end to end: inference requests and feedback through the API, the prediction
/// log in a real SQLite store, runs and alerts saved, alerts POSTed to a real HTTP receiver on 127.0.0.1.
/// Each test serves its own registered copy of a model, so the tests do not see each other's log.
/// </summary>
public class MonitoringTests(ServingFixture f) : IClassFixture<ServingFixture>
{
    private static readonly Table Head = ServingFixture.Telco.Take(Enumerable.Range(0, 1500).ToArray());

    private static async Task Eventually(Func<bool> condition, int seconds = 10)
    {
        for (var i = 0; i < seconds * 40 && !condition(); i++) await Task.Delay(25);
        Assert.True(condition());
    }

    private static Table Rows(int from, int count) => ServingFixture.Telco.Take(Enumerable.Range(from, count).ToArray());

    /// <summary>A request for the rows with some values replaced: <paramref name="spoil"/> maps a column to the value its first rows get.</summary>
    private static string Request(Keel.Learn.Models.Model model, Table rows, string id, int spoiled = 0, params (string Column, JsonNode Value)[] spoil)
    {
        var request = JsonNode.Parse(ServingFixture.Request(model, rows, id))!;
        foreach (var input in request["inputs"]!.AsArray())
            foreach (var (column, value) in spoil)
                if ((string?)input!["name"] == column)
                    for (var i = 0; i < spoiled; i++) input["data"]![i] = value.DeepClone();
        return request.ToJsonString();
    }

    private async Task Infer(HttpClient client, string model, string body) =>
        Assert.Equal(200, (await ServingFixture.Send(client, HttpMethod.Post, $"/v2/models/{model}/infer", body)).Status);

    private static ServerOptions Monitored(string model, MonitorOptions monitor) => new()
    {
        Models = [ModelSpec.Parse(model)],
        RefreshInterval = TimeSpan.FromHours(1),
        Monitor = monitor,
    };

    [Fact]
    public async Task OnTheInterval_ARunIsSavedWithQualityIssuesAndRealizedPerformance_AndItsAlertsAreStoredAndPosted()
    {
        f.Register("churn-watched", f.Churn, Head, alias: "champion");
        await using var receiver = await WebhookReceiver.Start();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var app = await f.StartServer(
            Monitored("churn-watched", new MonitorOptions
            {
                Every = TimeSpan.FromMinutes(5), Window = 50,
                References = new Dictionary<string, Table> { ["churn-watched"] = Head }, AlertWebhook = receiver.Url,
            }),
            b => b.Services.AddSingleton<TimeProvider>(clock));
        var client = f.Client(f.PredictorKey, app);

        // 120 new rows in 4 requests; the first 10 rows have a contract the model never saw and a tenure of 500 months.
        for (var r = 0; r < 4; r++)
            await Infer(client, "churn-watched", Request(f.Churn, Rows(1500 + 30 * r, 30), $"watch-{r}", spoiled: r == 0 ? 10 : 0, ("Contract", "Weekly"), ("tenure", 500)));
        // Feedback: every label the opposite of the truth, so realized performance falls far below the reference band.
        var flipped = Enumerable.Range(0, 4).Select(r => new JsonObject
        {
            ["id"] = $"watch-{r}",
            ["label"] = new JsonArray(Enumerable.Range(1500 + 30 * r, 30).Select(i => (JsonNode)(ServingFixture.Telco["Churn"].FormatValue(i) == "Yes" ? "No" : "Yes")).ToArray()),
        });
        var (feedbackStatus, _) = await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/churn-watched/feedback", new JsonObject { ["feedback"] = new JsonArray([.. flipped]) }.ToJsonString());
        Assert.Equal(200, feedbackStatus);
        await Eventually(() => f.Store.CountPredictions("churn-watched") == 4);
        Assert.Empty(f.Store.ReadMonitoringRuns("churn-watched"));

        clock.Advance(TimeSpan.FromMinutes(5));
        await Eventually(() => f.Store.ReadMonitoringRuns("churn-watched").Count == 1);

        var run = Assert.Single(f.Store.ReadMonitoringRuns("churn-watched"));
        var log = f.Store.ReadPredictions("churn-watched");
        Assert.Equal((1, log[0].Sequence, log[^1].Sequence, 120, 2), (run.Version, run.FromSequence, run.ToSequence, run.Rows, run.Windows));
        Assert.Equal(clock.GetUtcNow(), run.At);
        var result = JsonDocument.Parse(run.Result).RootElement;
        var issues = result.GetProperty("quality")[0].GetProperty("issues").EnumerateArray().Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("column").GetString())).ToList();
        Assert.Contains(("unseen_categories", "Contract"), issues);
        Assert.Contains(("out_of_range", "tenure"), issues);
        Assert.Empty(result.GetProperty("quality")[1].GetProperty("issues").EnumerateArray());
        var realized = result.GetProperty("realized");
        Assert.Equal(2, realized.GetArrayLength());
        Assert.All(realized.EnumerateArray(), w => Assert.True(w.GetProperty("metrics").GetProperty("accuracy").GetDouble() < 0.5));
        Assert.Equal(2, result.GetProperty("estimated").GetArrayLength()); // CBPE, from the labelled reference

        var alerts = f.Store.ReadAlerts("churn-watched");
        Assert.Equal(run.Alerts, alerts.Count);
        Assert.Contains(alerts, a => a is { Kind: "unseen_categories", Column: "Contract" } && a.Message.Contains("'Weekly'"));
        Assert.Contains(alerts, a => a is { Kind: "out_of_range", Column: "tenure" });
        Assert.Contains(alerts, a => a is { Kind: "realized_performance", Column: "accuracy" } && a.Message.Contains("below the reference band"));
        Assert.All(alerts, a => Assert.Equal(run.Id, a.RunId));
        Assert.Equal(alerts.Count, alerts.Select(a => (a.Kind, a.Column)).Distinct().Count()); // one alert per kind and column

        await Eventually(() => receiver.Accepted.Count() == alerts.Count && f.Store.ReadAlerts("churn-watched", undeliveredOnly: true).Count == 0);
        var posted = receiver.Accepted.Single(b => b.GetProperty("kind").GetString() == "unseen_categories");
        var unseen = alerts.Single(a => a.Kind == "unseen_categories");
        Assert.Equal(("churn-watched", 1, "Contract", unseen.Message, run.Id, unseen.Id),
            (posted.GetProperty("model").GetString(), posted.GetProperty("version").GetInt32(), posted.GetProperty("column").GetString(),
             posted.GetProperty("message").GetString(), posted.GetProperty("run").GetInt64(), posted.GetProperty("id").GetInt64()));
        Assert.Equal(clock.GetUtcNow(), posted.GetProperty("at").GetDateTimeOffset());
        Assert.All(f.Store.ReadAlerts("churn-watched"), a => Assert.Equal((1, clock.GetUtcNow()), (a.Attempts, a.DeliveredAt)));

        var metrics = await f.Client(app: app).GetStringAsync("/metrics");
        Assert.Contains("keel_monitoring_runs_total{model=\"churn-watched\",outcome=\"saved\"} 1\n", metrics);
        Assert.Contains($"keel_monitoring_open_alerts{{model=\"churn-watched\"}} {alerts.Count}\n", metrics);
        Assert.Contains($"keel_monitoring_last_run_timestamp_seconds{{model=\"churn-watched\"}} {clock.GetUtcNow().ToUnixTimeSeconds()}\n", metrics);
        Assert.Contains($"keel_alert_webhook_deliveries_total{{outcome=\"delivered\"}} {alerts.Count}\n", metrics);
        Assert.Contains("keel_alert_webhook_failures_total 0\n", metrics);
    }

    [Fact]
    public async Task MonitoringEndpoint_AnswersTheRunsAndAlertsToAViewer_AndRefusesBadRequestsWithA4xx()
    {
        f.Register("numeric-shown", f.Numeric, Head.Select(["SeniorCitizen", "tenure", "MonthlyCharges", "Churn"]), alias: "champion");
        await using var app = await f.StartServer(Monitored("numeric-shown", new MonitorOptions { Every = TimeSpan.FromHours(1), Window = 20, DriftAlerts = false }));
        await Infer(f.Client(f.PredictorKey, app), "numeric-shown", Request(f.Numeric, Rows(2000, 40), "shown-1", spoiled: 5, ("MonthlyCharges", 10_000)));
        await Eventually(() => f.Store.CountPredictions("numeric-shown") == 1);
        var saved = Assert.Single(await app.Services.GetRequiredService<MonitoringJob>().RunOnce());
        var viewer = f.Client(f.ViewerKey, app);

        var (status, body) = await ServingFixture.Send(viewer, HttpMethod.Get, "/v2/models/numeric-shown/monitoring?runs=5");

        Assert.Equal(200, status);
        var run = Assert.Single(body.GetProperty("runs").EnumerateArray());
        Assert.Equal((saved.Run.Id, 40, 2, saved.Run.Alerts), (run.GetProperty("id").GetInt64(), run.GetProperty("rows").GetInt32(), run.GetProperty("windows").GetInt32(), run.GetProperty("alerts").GetInt32()));
        Assert.Equal(40, body.GetProperty("latest").GetProperty("rows").GetInt32());
        var alert = Assert.Single(body.GetProperty("alerts").EnumerateArray());
        Assert.Equal(("out_of_range", "MonthlyCharges"), (alert.GetProperty("kind").GetString(), alert.GetProperty("column").GetString()));
        Assert.Equal(3600, body.GetProperty("monitoring").GetProperty("every_seconds").GetDouble());
        foreach (var (path, expected) in new[] { ("?runs=0", 400), ("?alerts=abc", 400), ("?runs=1&runs=2", 400), ("?runs=101", 400) })
        {
            var (bad, error) = await ServingFixture.Send(viewer, HttpMethod.Get, "/v2/models/numeric-shown/monitoring" + path);
            Assert.Equal(expected, bad);
            Assert.Contains("Query parameter", error.GetProperty("error").GetString());
        }
        var (unknown, unknownBody) = await ServingFixture.Send(viewer, HttpMethod.Get, "/v2/models/nope/monitoring");
        Assert.Equal(404, unknown);
        Assert.Contains("no model 'nope'", unknownBody.GetProperty("error").GetString());
        Assert.Equal(401, (await ServingFixture.Send(f.Client(app: app), HttpMethod.Get, "/v2/models/numeric-shown/monitoring")).Status);
    }

    [Fact]
    public async Task ARestartedServer_ContinuesFromTheLastMonitoredSequence_AndAStretchBelowTheMinimumWaits()
    {
        f.Register("numeric-restarted", f.Numeric, Head.Select(["SeniorCitizen", "tenure", "MonthlyCharges", "Churn"]), alias: "champion");
        var options = Monitored("numeric-restarted", new MonitorOptions { Every = TimeSpan.FromHours(1), Window = 20 });
        MonitoringRun first;
        await using (var app = await f.StartServer(options))
        {
            var client = f.Client(f.PredictorKey, app);
            await Infer(client, "numeric-restarted", Request(f.Numeric, Rows(3000, 30), "restart-1"));
            await Eventually(() => f.Store.CountPredictions("numeric-restarted") == 1);
            first = Assert.Single(await app.Services.GetRequiredService<MonitoringJob>().RunOnce()).Run;
            await Infer(client, "numeric-restarted", Request(f.Numeric, Rows(3030, 10), "restart-2"));
            await Eventually(() => f.Store.CountPredictions("numeric-restarted") == 2);
            Assert.Empty(await app.Services.GetRequiredService<MonitoringJob>().RunOnce()); // 10 rows: less than a window
            await app.StopAsync();
        }

        await using var restarted = await f.StartServer(options);
        await Infer(f.Client(f.PredictorKey, restarted), "numeric-restarted", Request(f.Numeric, Rows(3040, 15), "restart-3"));
        await Eventually(() => f.Store.CountPredictions("numeric-restarted") == 3);
        var second = Assert.Single(await restarted.Services.GetRequiredService<MonitoringJob>().RunOnce()).Run;

        Assert.Equal(30, first.Rows);
        var log = f.Store.ReadPredictions("numeric-restarted");
        Assert.Equal((log[1].Sequence, log[2].Sequence, 25), (second.FromSequence, second.ToSequence, second.Rows));
        Assert.Equal(first.ToSequence, log[0].Sequence);
        Assert.Equal([second.Id, first.Id], f.Store.ReadMonitoringRuns("numeric-restarted").Select(r => r.Id));
    }

    [Fact]
    public async Task AWebhookThatFailsTwice_IsRetriedWithBackoff_AndTheDeliveryIsRecorded()
    {
        var charges = Head.Select(["tenure", "Contract", "InternetService", "MonthlyCharges"]);
        f.Register("charges-alerted", f.Charges, charges, alias: "champion");
        await using var receiver = await WebhookReceiver.Start(failFirst: 2);
        await using var app = await f.StartServer(Monitored("charges-alerted", new MonitorOptions
        {
            Every = TimeSpan.FromHours(1), Window = 20, AlertWebhook = receiver.Url, DriftAlerts = false,
            WebhookFirstRetryDelay = TimeSpan.FromMilliseconds(100), WebhookMaxRetryDelay = TimeSpan.FromSeconds(1),
        }));
        await Infer(f.Client(f.PredictorKey, app), "charges-alerted", Request(f.Charges, Rows(4000, 20), "hook-1", spoiled: 4, ("tenure", 999)));
        await Eventually(() => f.Store.CountPredictions("charges-alerted") == 1);

        var saved = Assert.Single(await app.Services.GetRequiredService<MonitoringJob>().RunOnce());

        var alert = Assert.Single(saved.Alerts);
        Assert.Equal(("out_of_range", "tenure"), (alert.Kind, alert.Column));
        await Eventually(() => f.Store.ReadAlerts("charges-alerted").Single().DeliveredAt is not null);
        var delivered = f.Store.ReadAlerts("charges-alerted").Single();
        Assert.Equal((3, (string?)null), (delivered.Attempts, delivered.LastError));
        var requests = receiver.Requests.ToArray();
        Assert.Equal([true, true, false], requests.Select(r => r.Refused));
        Assert.All(requests, r => Assert.Equal(alert.Id, r.Body.GetProperty("id").GetInt64()));
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(90), $"first retry after {requests[1].At - requests[0].At}");
        Assert.True(requests[2].At - requests[1].At >= TimeSpan.FromMilliseconds(190), $"second retry after {requests[2].At - requests[1].At}"); // doubled
        var metrics = await f.Client(app: app).GetStringAsync("/metrics");
        Assert.Contains("keel_alert_webhook_failures_total 2\n", metrics);
        Assert.Contains("keel_alert_webhook_deliveries_total{outcome=\"delivered\"} 1\n", metrics);
    }

    [Fact]
    public async Task ARunWhoseInputsShifted_RaisesOneDataDriftAlertNamingThem()
    {
        var charges = Head.Select(["tenure", "Contract", "InternetService", "MonthlyCharges"]);
        f.Register("charges-drifted", f.Charges, charges, alias: "champion");
        await using var app = await f.StartServer(Monitored("charges-drifted", new MonitorOptions { Every = TimeSpan.FromHours(1), Window = 20 }));
        await Infer(f.Client(f.PredictorKey, app), "charges-drifted", Request(f.Charges, Rows(4000, 20), "drift-1", spoiled: 4, ("tenure", 999)));
        await Eventually(() => f.Store.CountPredictions("charges-drifted") == 1);

        var saved = Assert.Single(await app.Services.GetRequiredService<MonitoringJob>().RunOnce());

        var drift = Assert.Single(saved.Alerts, a => a.Kind == "data_drift");
        Assert.Null(drift.Column);
        Assert.Contains("inputs have shifted", drift.Message);
        Assert.Contains("against the training profile", drift.Message);
        Assert.Contains("tenure", drift.Message);
    }

    [Fact]
    public async Task AWebhookThatIsDown_DoesNotHoldUpServingOrTheNextRun_AndItsAttemptsAreRecorded()
    {
        var charges = Head.Select(["tenure", "Contract", "InternetService", "MonthlyCharges"]);
        f.Register("charges-unheard", f.Charges, charges, alias: "champion");
        Uri nowhere;
        await using (var closed = await WebhookReceiver.Start()) nowhere = closed.Url; // a port nothing listens on any more
        await using var app = await f.StartServer(Monitored("charges-unheard", new MonitorOptions
        {
            Every = TimeSpan.FromHours(1), Window = 20, AlertWebhook = nowhere, WebhookAttempts = 2, DriftAlerts = false,
            WebhookFirstRetryDelay = TimeSpan.FromMilliseconds(50),
        }));
        var client = f.Client(f.PredictorKey, app);
        var job = app.Services.GetRequiredService<MonitoringJob>();

        await Infer(client, "charges-unheard", Request(f.Charges, Rows(4100, 20), "down-1", spoiled: 4, ("tenure", 999)));
        await Eventually(() => f.Store.CountPredictions("charges-unheard") == 1);
        Assert.Single(await job.RunOnce());
        await Infer(client, "charges-unheard", Request(f.Charges, Rows(4120, 20), "down-2", spoiled: 4, ("tenure", 999)));
        await Eventually(() => f.Store.CountPredictions("charges-unheard") == 2);
        Assert.Single(await job.RunOnce());

        await Eventually(() => f.Store.ReadAlerts("charges-unheard").All(a => a.Attempts == 2));
        Assert.All(f.Store.ReadAlerts("charges-unheard"), a => Assert.True(a.DeliveredAt is null && a.LastError is { Length: > 0 }));
        var metrics = await f.Client(app: app).GetStringAsync("/metrics");
        Assert.Contains("keel_alert_webhook_failures_total 4\n", metrics);
        Assert.Contains("keel_alert_webhook_deliveries_total{outcome=\"failed\"} 2\n", metrics);
    }

    [Fact]
    public async Task AFailingRun_IsCountedAndTriedAgain_WhileServingGoesOn()
    {
        f.Register("numeric-failing", f.Numeric, Head.Select(["SeniorCitizen", "tenure", "MonthlyCharges", "Churn"]), alias: "champion");
        await using var app = await f.StartServer(Monitored("numeric-failing", new MonitorOptions { Every = TimeSpan.FromHours(1), Window = 20 }));
        var client = f.Client(f.PredictorKey, app);
        var job = app.Services.GetRequiredService<MonitoringJob>();
        await Infer(client, "numeric-failing", Request(f.Numeric, Rows(5000, 25), "fail-1"));
        await Eventually(() => f.Store.CountPredictions("numeric-failing") == 1);
        var database = f.StoreUri["sqlite:".Length..];

        Sql(database, "ALTER TABLE monitoring_runs RENAME TO monitoring_runs_away"); // the store fails under the job
        Assert.Empty(await job.RunOnce());
        await Infer(client, "numeric-failing", Request(f.Numeric, Rows(5025, 5), "fail-2"));
        Sql(database, "ALTER TABLE monitoring_runs_away RENAME TO monitoring_runs");
        await Eventually(() => f.Store.CountPredictions("numeric-failing") == 2);
        var saved = Assert.Single(await job.RunOnce());

        Assert.Equal(30, saved.Run.Rows);
        Assert.Contains("keel_monitoring_runs_total{model=\"numeric-failing\",outcome=\"failed\"} 1\n", await f.Client(app: app).GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task ABundleWithAKpi_GetsItsRealizedValuePerDecisionInTheStoredRun()
    {
        var head = Head.Select(["SeniorCitizen", "tenure", "MonthlyCharges", "Churn"]);
        var value = Keel.Learn.Decisions.DecisionValue.Of(tp: 450, fp: -50, fn: -500, tn: 0, name: "retention value", unit: "EUR");
        var labels = f.Numeric.Target.Encode(head).Select(v => (int)v).ToArray();
        var choice = Keel.Learn.Decisions.ThresholdOptimizer.Choose(f.Numeric.Predict(head).PositiveProbabilities(), labels, value);
        var model = f.Numeric with { Threshold = choice.Threshold };
        f.Register("numeric-kpi", model, head, alias: "champion", decision: choice);
        await using var app = await f.StartServer(Monitored("numeric-kpi", new MonitorOptions { Every = TimeSpan.FromHours(1), Window = 20 }));
        var client = f.Client(f.PredictorKey, app);
        await Infer(client, "numeric-kpi", Request(model, Rows(6100, 20), "kpi-1"));
        var truth = new JsonArray(Enumerable.Range(6100, 20).Select(i => (JsonNode)ServingFixture.Telco["Churn"].FormatValue(i)!).ToArray());
        Assert.Equal(200, (await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/numeric-kpi/feedback", new JsonObject { ["id"] = "kpi-1", ["label"] = truth }.ToJsonString())).Status);
        await Eventually(() => f.Store.CountPredictions("numeric-kpi") == 1);

        var run = Assert.Single(await app.Services.GetRequiredService<MonitoringJob>().RunOnce()).Run;

        var result = JsonDocument.Parse(run.Result).RootElement;
        Assert.Equal("retention value", result.GetProperty("value").GetProperty("name").GetString());
        var realized = Assert.Single(result.GetProperty("realized").EnumerateArray());
        var rows = Rows(6100, 20);
        var expected = value.PerDecision(Keel.Learn.Decisions.BinaryConfusion.At(model.Predict(rows).PositiveProbabilities(),
            model.Target.Encode(rows).Select(v => (int)v).ToArray(), choice.Threshold));
        Assert.Equal(expected, realized.GetProperty("metrics").GetProperty("value_per_decision").GetDouble(), 9);
    }

    [Fact]
    public async Task FeedbackForSomeRequests_GivesRealizedPerformanceOverThoseRows_AndANoteSaysHowMany()
    {
        f.Register("numeric-partial", f.Numeric, Head.Select(["SeniorCitizen", "tenure", "MonthlyCharges", "Churn"]), alias: "champion");
        await using var app = await f.StartServer(Monitored("numeric-partial", new MonitorOptions { Every = TimeSpan.FromHours(1), Window = 20 }));
        var client = f.Client(f.PredictorKey, app);
        await Infer(client, "numeric-partial", Request(f.Numeric, Rows(6000, 20), "partial-1"));
        await Infer(client, "numeric-partial", Request(f.Numeric, Rows(6020, 20), "partial-2"));
        var truth = new JsonArray(Enumerable.Range(6000, 20).Select(i => (JsonNode)ServingFixture.Telco["Churn"].FormatValue(i)!.ToLowerInvariant()).ToArray()); // "yes" is the class "Yes"
        Assert.Equal(200, (await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/numeric-partial/feedback", new JsonObject { ["id"] = "partial-1", ["label"] = truth }.ToJsonString())).Status);
        await Eventually(() => f.Store.CountPredictions("numeric-partial") == 2);

        var run = Assert.Single(await app.Services.GetRequiredService<MonitoringJob>().RunOnce()).Run;

        var result = JsonDocument.Parse(run.Result).RootElement;
        Assert.Equal(40, result.GetProperty("rows").GetInt32());
        var realized = Assert.Single(result.GetProperty("realized").EnumerateArray());
        Assert.Equal(20, realized.GetProperty("rows").GetInt32());
        var rows = Rows(6000, 20);
        var expected = Enumerable.Range(0, 20).Count(i => f.Numeric.Predict(rows).Labels![i] == rows["Churn"].FormatValue(i)) / 20.0;
        Assert.Equal(expected, realized.GetProperty("metrics").GetProperty("accuracy").GetDouble(), 12);
        Assert.Contains(result.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("over the 20 of 40 rows whose labels have arrived"));
    }

    [Fact]
    public async Task AMovedAlias_CutsTheLogAtTheVersionChange_AndEachStretchIsMonitoredWithItsOwnVersion()
    {
        var data = Head.Select(["SeniorCitizen", "tenure", "MonthlyCharges", "Churn"]);
        f.Register("numeric-moved", f.Numeric, data, alias: "champion");
        await using var app = await f.StartServer(Monitored("numeric-moved", new MonitorOptions { Every = TimeSpan.FromHours(1), Window = 20, MinRows = 15 }));
        var client = f.Client(f.PredictorKey, app);
        await Infer(client, "numeric-moved", Request(f.Numeric, Rows(6100, 10), "moved-1"));
        f.Store.SetAlias("numeric-moved", "champion", f.Register("numeric-moved", f.Numeric, data, alias: null));
        Assert.Equal(200, (await ServingFixture.Send(f.Client(f.DeployerKey, app), HttpMethod.Post, "/v2/repository/models/numeric-moved/load")).Status);
        await Infer(client, "numeric-moved", Request(f.Numeric, Rows(6110, 15), "moved-2"));
        await Eventually(() => f.Store.CountPredictions("numeric-moved") == 2);

        var runs = (await app.Services.GetRequiredService<MonitoringJob>().RunOnce()).Select(s => s.Run).ToList();

        var log = f.Store.ReadPredictions("numeric-moved");
        Assert.Equal([(1, 10, log[0].Sequence, log[0].Sequence), (2, 15, log[1].Sequence, log[1].Sequence)], runs.Select(r => (r.Version, r.Rows, r.FromSequence, r.ToSequence)));
    }

    [Fact]
    public void Options_OfMonitoring_AreValidatedWithTheServersOptions()
    {
        var options = new ServerOptions
        {
            Models = [ModelSpec.Parse("churn")],
            Monitor = new MonitorOptions
            {
                Window = 5, MinRows = 0, AlertWebhook = new Uri("ftp://example.invalid/"), WebhookAttempts = 0,
                References = new Dictionary<string, Table> { ["fraud"] = Head },
            },
        };

        var problems = string.Join("\n", options.Validate());

        foreach (var expected in new[] { "--monitor-window must be 10", "--monitor-min-rows must be at least 1", "'fraud', which is not served", "--monitor-reference needs --monitor-every", "--alert-webhook needs --monitor-every", "not an http:// or https:// URL", "WebhookAttempts must be 1 to 20" })
            Assert.Contains(expected, problems);
        Assert.Empty(new ServerOptions { Models = [ModelSpec.Parse("churn")], Monitor = new MonitorOptions { Every = TimeSpan.FromMinutes(5) } }.Validate());
    }

    private static void Sql(string database, string sql)
    {
        using var c = new SqliteConnection($"Data Source={database}");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

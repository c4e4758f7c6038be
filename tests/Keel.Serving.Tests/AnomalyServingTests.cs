using System.Text.Json;
using Keel.Learn;
using Keel.Learn.Anomaly;
using Keel.Learn.Models;
using Microsoft.AspNetCore.Builder;

namespace Keel.Serving.Tests;

/// <summary>An Isolation Forest served over OIP: score and is_anomaly, requested outputs, the prediction log, /explain.</summary>
public sealed class AnomalyServingTests(ServingFixture f) : IClassFixture<ServingFixture>, IAsyncLifetime
{
    private Model _model = null!;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var data = ServingFixture.Telco.Take(Enumerable.Range(0, 800).ToArray()).Select(["tenure", "MonthlyCharges", "Contract"]);
        _model = new IsolationForestTrainer { Contamination = 0.05 }.Fit(data, Target.Anomaly(data));
        f.Register("outliers", _model, data, alias: null);
        _app = await f.StartServer(new ServerOptions { Models = [ModelSpec.Parse("outliers@1")], RefreshInterval = TimeSpan.FromHours(1) });
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Requesting(string request, params string[] outputs)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(request)!;
        body["outputs"] = JsonSerializer.SerializeToElement(outputs.Select(name => new { name }));
        return JsonSerializer.Serialize(body);
    }

    [Fact]
    public async Task Infer_GivesScoreAndFlag_EqualToTheModels_AndLogsBoth()
    {
        var rows = ServingFixture.Telco.Take([900, 901, 902]);
        var expected = _model.Predict(rows);

        var (status, body) = await ServingFixture.Send(f.Client(f.PredictorKey, _app), HttpMethod.Post, "/v2/models/outliers/infer", ServingFixture.Request(_model, rows, id: "anomaly-1"));

        Assert.Equal(200, status);
        var outputs = body.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal(expected.Values!, outputs["score"].GetProperty("data").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(expected.Anomalies!, outputs["is_anomaly"].GetProperty("data").EnumerateArray().Select(v => v.GetBoolean()));
        Assert.Equal("BOOL", outputs["is_anomaly"].GetProperty("datatype").GetString());
        for (var i = 0; i < 200 && !f.Store.ReadPredictions("outliers").Any(p => p.RequestId == "anomaly-1"); i++) await Task.Delay(25);
        var logged = JsonDocument.Parse(f.Store.ReadPredictions("outliers").Single(p => p.RequestId == "anomaly-1").Outputs).RootElement;
        Assert.Equal(expected.Anomalies!, logged.GetProperty("is_anomaly").EnumerateArray().Select(v => v.GetBoolean()));
    }

    [Fact]
    public async Task Infer_RequestedOutputs_TheFlagAloneOrAnUnknownOneRefused()
    {
        var request = ServingFixture.Request(_model, ServingFixture.Telco.Take([5]));

        var (status, body) = await ServingFixture.Send(f.Client(f.PredictorKey, _app), HttpMethod.Post, "/v2/models/outliers/infer", Requesting(request, "is_anomaly"));
        var (refused, error) = await ServingFixture.Send(f.Client(f.PredictorKey, _app), HttpMethod.Post, "/v2/models/outliers/infer", Requesting(request, "label"));

        Assert.Equal(200, status);
        Assert.Equal("is_anomaly", Assert.Single(body.GetProperty("outputs").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(400, refused);
        Assert.Contains("'score', 'is_anomaly'", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Explain_ShapValuesAddUpToTheExpectedPathLength()
    {
        var rows = ServingFixture.Telco.Take([10, 11, 12, 13]);
        var raw = _model.Predict(rows).Raw;

        var (status, body) = await ServingFixture.Send(f.Client(f.PredictorKey, _app), HttpMethod.Post, "/v2/models/outliers/explain", ServingFixture.Request(_model, rows));

        Assert.Equal(200, status);
        var outputs = body.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        var shap = outputs["shap"].GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var baseValue = outputs["base_value"].GetProperty("data")[0].GetDouble();
        for (var r = 0; r < 4; r++) Assert.Equal(raw[r], baseValue + shap.Skip(r * 3).Take(3).Sum(), 9);
        Assert.Equal("path_length", body.GetProperty("parameters").GetProperty("explained")[0].GetString());
    }
}

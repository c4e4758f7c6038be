using System.Text.Json;
using Keel.Data;

namespace Keel.Serving.Tests;

/// <summary>The Open Inference Protocol V2 surface: health, metadata, inference shapes, ids and outputs.</summary>
public class InferenceProtocolTests(ServingFixture f) : IClassFixture<ServingFixture>
{
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;

    [Fact]
    public async Task Health_LiveAndReady_AnswerWithoutAKey()
    {
        var client = f.Client();

        var live = await ServingFixture.Send(client, Get, "/v2/health/live");
        var ready = await ServingFixture.Send(client, Get, "/v2/health/ready");

        Assert.Equal((200, true), (live.Status, live.Body.GetProperty("live").GetBoolean()));
        Assert.Equal((200, true), (ready.Status, ready.Body.GetProperty("ready").GetBoolean()));
    }

    [Fact]
    public async Task ServerMetadata_NamesKeelAndItsExtensions()
    {
        var (status, body) = await ServingFixture.Send(f.Client(f.ViewerKey), Get, "/v2");

        Assert.Equal(200, status);
        Assert.Equal("keel", body.GetProperty("name").GetString());
        Assert.Contains("model_repository", body.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task ModelMetadata_DescribesEveryInputAndOutputFromTheSignature()
    {
        var (status, body) = await ServingFixture.Send(f.Client(f.ViewerKey), Get, "/v2/models/churn");
        var byVersion = await ServingFixture.Send(f.Client(f.ViewerKey), Get, "/v2/models/churn/versions/1");

        Assert.Equal((200, 200), (status, byVersion.Status));
        Assert.Equal(["1"], body.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        var inputs = body.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        Assert.Equal(f.Churn.Features.InputColumns, inputs.Keys);
        Assert.Equal("FP64", inputs["tenure"].GetProperty("datatype").GetString());
        Assert.Equal("BYTES", inputs["Contract"].GetProperty("datatype").GetString());
        Assert.Contains("Month-to-month", inputs["Contract"].GetProperty("parameters").GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var outputs = body.GetProperty("outputs").EnumerateArray().ToArray();
        Assert.Equal(["label", "probabilities"], outputs.Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(["No", "Yes"], outputs[1].GetProperty("parameters").GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task ModelReady_IsTrueForAServedModel_And404ForAnUnknownOne()
    {
        var client = f.Client(f.ViewerKey);

        Assert.Equal(200, (await ServingFixture.Send(client, Get, "/v2/models/churn/ready")).Status);
        Assert.Equal(200, (await ServingFixture.Send(client, Get, "/v2/models/churn/versions/1/ready")).Status);
        Assert.Equal(404, (await ServingFixture.Send(client, Get, "/v2/models/churn/versions/2/ready")).Status);
        Assert.Equal(404, (await ServingFixture.Send(client, Get, "/v2/models/fraud/ready")).Status);
    }

    [Fact]
    public async Task Infer_ColumnInputs_GiveLabelsAndProbabilitiesEqualToTheModel()
    {
        var rows = ServingFixture.Telco.Take(Enumerable.Range(1600, 25).ToArray());
        var expected = f.Churn.Predict(rows);

        var (status, body) = await ServingFixture.Send(f.Client(f.PredictorKey), Post, "/v2/models/churn/infer", ServingFixture.Request(f.Churn, rows, id: "req-42"));

        Assert.Equal(200, status);
        Assert.Equal(("churn", "1", "req-42"), (body.GetProperty("model_name").GetString(), body.GetProperty("model_version").GetString(), body.GetProperty("id").GetString()));
        var outputs = body.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal("BYTES", outputs["label"].GetProperty("datatype").GetString());
        Assert.Equal([25], outputs["label"].GetProperty("shape").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Equal(expected.Labels, outputs["label"].GetProperty("data").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal([25, 2], outputs["probabilities"].GetProperty("shape").EnumerateArray().Select(s => s.GetInt32()));
        var p = outputs["probabilities"].GetProperty("data").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        for (var i = 0; i < p.Length; i++) Assert.Equal(expected.Probabilities![i], p[i], 12);
    }

    [Fact]
    public async Task Infer_WithoutAnId_AnswersWithOneForFeedback_AndInputsInAnyOrder()
    {
        var rows = ServingFixture.Telco.Take([3]);
        var request = JsonSerializer.Deserialize<JsonElement>(ServingFixture.Request(f.Churn, rows));
        var reversed = JsonSerializer.Serialize(new { inputs = request.GetProperty("inputs").EnumerateArray().Reverse().ToArray() });

        var (status, body) = await ServingFixture.Send(f.Client(f.PredictorKey), Post, "/v2/models/churn/infer", reversed);

        Assert.Equal(200, status);
        Assert.Equal(32, body.GetProperty("id").GetString()!.Length);
        Assert.Equal(f.Churn.Predict(rows).Labels![0], body.GetProperty("outputs")[0].GetProperty("data")[0].GetString());
    }

    [Fact]
    public async Task Infer_ATwoDimensionalInput_IsAcceptedForAnAllNumericModel()
    {
        var rows = ServingFixture.Telco.Take([10, 11, 12]);
        var columns = f.Numeric.Features.InputColumns.ToArray();
        var data = Enumerable.Range(0, 3).SelectMany(r => columns.Select(c => ((NumericColumn)rows[c]).Values[r])).ToArray();
        var body = JsonSerializer.Serialize(new { inputs = new[] { new { name = "input-0", datatype = "FP32", shape = new[] { 3, columns.Length }, data } } });

        var (status, answer) = await ServingFixture.Send(f.Client(f.PredictorKey), Post, "/v2/models/numeric/infer", body);

        Assert.Equal(200, status);
        var p = answer.GetProperty("outputs")[1].GetProperty("data").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var expected = f.Numeric.Predict(rows).Probabilities!;
        for (var i = 0; i < p.Length; i++) Assert.Equal(expected[i], p[i], 9);
    }

    [Fact]
    public async Task Infer_Regression_GivesScore_AndRequestedOutputsOnly()
    {
        var rows = ServingFixture.Telco.Take([5, 6]);
        var request = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(ServingFixture.Request(f.Charges, rows))!;
        request["outputs"] = JsonSerializer.SerializeToElement(new[] { new { name = "score" } });

        var (status, body) = await ServingFixture.Send(f.Client(f.PredictorKey), Post, "/v2/models/charges/infer", JsonSerializer.Serialize(request));

        Assert.Equal(200, status);
        var score = Assert.Single(body.GetProperty("outputs").EnumerateArray());
        Assert.Equal(("score", "FP64"), (score.GetProperty("name").GetString(), score.GetProperty("datatype").GetString()));
        var expected = f.Charges.Predict(rows).Values!;
        Assert.Equal(expected, score.GetProperty("data").EnumerateArray().Select(x => x.GetDouble()).ToArray());
    }

    [Fact]
    public async Task Infer_NullValues_AreMissingNotErrors()
    {
        var rows = ServingFixture.Telco.Take([7]);
        var request = ServingFixture.Request(f.Churn, rows).Replace("\"data\":[\"Month-to-month\"]", "\"data\":[null]");

        var (status, _) = await ServingFixture.Send(f.Client(f.PredictorKey), Post, "/v2/models/churn/infer", request);

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Infer_ManyConcurrentRequests_AreMicroBatchedAndEachGetsItsOwnAnswer()
    {
        var client = f.Client(f.PredictorKey);
        var indexes = Enumerable.Range(0, 200).ToArray();
        var expected = f.Churn.Predict(ServingFixture.Telco.Take(indexes)).Labels!;

        var answers = await Task.WhenAll(indexes.Select(async i =>
        {
            var (status, body) = await ServingFixture.Send(client, Post, "/v2/models/churn/infer", ServingFixture.Request(f.Churn, ServingFixture.Telco.Take([i]), id: $"c{i}"));
            Assert.Equal(200, status);
            Assert.Equal($"c{i}", body.GetProperty("id").GetString());
            return body.GetProperty("outputs")[0].GetProperty("data")[0].GetString();
        }));

        Assert.Equal(expected, answers);
    }

    [Fact]
    public async Task Explain_GivesShapPerColumnThatAddsUpToTheProbability()
    {
        var rows = ServingFixture.Telco.Take([60, 61, 62]);
        var client = f.Client(f.PredictorKey);

        var (status, body) = await ServingFixture.Send(client, Post, "/v2/models/churn/explain", ServingFixture.Request(f.Churn, rows, id: "why-1"));
        var viewer = await ServingFixture.Send(f.Client(f.ViewerKey), Post, "/v2/models/churn/explain", ServingFixture.Request(f.Churn, rows));

        Assert.Equal(200, status);
        Assert.Equal(403, viewer.Status);
        Assert.Equal("why-1", body.GetProperty("id").GetString());
        var columns = body.GetProperty("parameters").GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToArray();
        Assert.Equal(f.Churn.Features.InputColumns, columns);
        Assert.Equal("log-odds", body.GetProperty("parameters").GetProperty("units").GetString());
        Assert.Equal("tree_path_dependent", body.GetProperty("parameters").GetProperty("method").GetString());
        Assert.False(body.GetProperty("parameters").TryGetProperty("background_rows", out _));
        var shap = body.GetProperty("outputs")[0];
        Assert.Equal([3, columns.Length, 1], shap.GetProperty("shape").EnumerateArray().Select(s => s.GetInt32()));
        var values = shap.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var baseValue = body.GetProperty("outputs")[1].GetProperty("data")[0].GetDouble();
        var p = f.Churn.Predict(rows).PositiveProbabilities();
        for (var r = 0; r < 3; r++)
        {
            var margin = baseValue + values.Skip(r * columns.Length).Take(columns.Length).Sum();
            Assert.Equal(p[r], 1 / (1 + Math.Exp(-margin)), 9);
        }
    }
}

using System.Text.Json;

namespace Keel.Serving.Tests;

/// <summary>Bad and hostile requests: always a 4xx with <c>{"error": ...}</c> naming the problem, never a 500.</summary>
public class BadRequestTests(ServingFixture f) : IClassFixture<ServingFixture>
{
    private async Task<(int Status, string Error)> Infer(string body, string model = "churn")
    {
        var (status, answer) = await ServingFixture.Send(f.Client(f.PredictorKey), HttpMethod.Post, $"/v2/models/{model}/infer", body);
        return (status, answer.GetProperty("error").GetString()!);
    }

    private string OneRow() => ServingFixture.Request(f.Churn, ServingFixture.Telco.Take([0]));

    [Fact]
    public async Task MissingColumn_IsNamed()
    {
        var body = OneRow().Replace("\"name\":\"tenure\"", "\"name\":\"tenureX\"");

        var (status, error) = await Infer(body);

        Assert.Equal(400, status);
        Assert.Contains("missing input 'tenure' (also sent: 'tenureX', which it does not read)", error);
    }

    [Fact]
    public async Task WrongType_IsNamedWithWhatToSend()
    {
        var body = OneRow().Replace("{\"name\":\"tenure\",\"datatype\":\"FP64\",\"shape\":[1],\"data\":[1]}", "{\"name\":\"tenure\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"one\"]}");

        var (status, error) = await Infer(body);

        Assert.Equal(400, status);
        Assert.Contains("'tenure' is a numeric column: send FP64", error);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{\"inputs\": [", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"inputs\": []}", "no \"inputs\"")]
    [InlineData("{\"inputs\": [{\"name\": \"tenure\", \"datatype\": \"FP64\", \"shape\": [1], \"data\": [1e999]}]}", "not a finite number")]
    [InlineData("{\"inputs\": [{\"name\": \"tenure\", \"datatype\": \"FP64\", \"shape\": [1], \"data\": [\"NaN\"]}]}", "missing input")]
    [InlineData("{\"inputs\": [{\"name\": \"tenure\", \"datatype\": \"FP64\", \"shape\": [2], \"data\": [1, \"a\"]}]}", "mixes numbers and strings")]
    [InlineData("{\"inputs\": [{\"name\": \"tenure\", \"datatype\": \"FP64\", \"data\": [1]}]}", "no \"shape\"")]
    [InlineData("{\"inputs\": [{\"name\": \"tenure\", \"datatype\": \"FP64\", \"shape\": [1], \"data\": {\"a\": 1}}]}", "data must be an array")]
    public async Task Malformed_IsRefusedWithTheReason(string body, string expected)
    {
        var (status, error) = await Infer(body);

        Assert.Equal(400, status);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task DeeplyNestedJson_IsRefused()
    {
        var body = "{\"inputs\":[{\"name\":\"tenure\",\"datatype\":\"FP64\",\"shape\":[1],\"data\":" + new string('[', 5000) + "1" + new string(']', 5000) + "}]}";

        var (status, error) = await Infer(body);

        Assert.Equal(400, status);
        Assert.Contains("depth", error);
    }

    [Fact]
    public async Task ShapeAndRowCountDisagreements_AreNamed()
    {
        var body = OneRow().Replace("{\"name\":\"tenure\",\"datatype\":\"FP64\",\"shape\":[1],\"data\":[1]}", "{\"name\":\"tenure\",\"datatype\":\"FP64\",\"shape\":[2],\"data\":[1,2]}");

        var (status, error) = await Infer(body);

        Assert.Equal(400, status);
        Assert.Contains("has 2 rows but", error);
    }

    [Fact]
    public async Task HugeBody_Is413()
    {
        var body = "{\"inputs\":[{\"name\":\"tenure\",\"datatype\":\"FP64\",\"shape\":[1],\"data\":[1]}],\"padding\":\"" + new string('x', 400_000) + "\"}";

        var (status, error) = await Infer(body);

        Assert.Equal(413, status);
        Assert.Contains("--max-body-mb", error);
    }

    [Fact]
    public async Task UnknownModelVersionOutputAndEndpoint_Are404Or400()
    {
        var client = f.Client(f.PredictorKey);

        var model = await Infer(OneRow(), "fraud");
        var version = await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/churn/versions/7/infer", OneRow());
        var output = await Infer(OneRow().Replace("\"parameters\"", "\"outputs\":[{\"name\":\"shap\"}],\"parameters\""));
        var endpoint = await ServingFixture.Send(client, HttpMethod.Get, "/v2/nothing/here");
        var method = await ServingFixture.Send(client, HttpMethod.Get, "/v2/models/churn/infer");

        Assert.Equal((404, true), (model.Status, model.Error.Contains("no model 'fraud'")));
        Assert.Equal((404, true), (version.Status, version.Body.GetProperty("error").GetString()!.Contains("answers with version 1")));
        Assert.Equal((400, true), (output.Status, output.Error.Contains("Output 'shap' does not exist")));
        Assert.Equal(404, endpoint.Status);
        Assert.Equal(JsonValueKind.String, endpoint.Body.GetProperty("error").ValueKind);
        Assert.Equal(405, method.Status);
        Assert.Equal(JsonValueKind.String, method.Body.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Keys_NoneIs401_AViewerMayReadButNotInfer_ARevokedOrMadeUpKeyIs401()
    {
        var none = await ServingFixture.Send(f.Client(), HttpMethod.Post, "/v2/models/churn/infer", OneRow());
        var viewerRead = await ServingFixture.Send(f.Client(f.ViewerKey), HttpMethod.Get, "/v2/models/churn");
        var viewerInfer = await ServingFixture.Send(f.Client(f.ViewerKey), HttpMethod.Post, "/v2/models/churn/infer", OneRow());
        var madeUp = await ServingFixture.Send(f.Client("keel_0000_nope"), HttpMethod.Get, "/v2/models/churn");
        var predictorReload = await ServingFixture.Send(f.Client(f.PredictorKey), HttpMethod.Post, "/v2/repository/models/churn/load");

        Assert.Equal(401, none.Status);
        Assert.Contains("Authorization: Bearer", none.Body.GetProperty("error").GetString());
        Assert.Equal(200, viewerRead.Status);
        Assert.Equal(403, viewerInfer.Status);
        Assert.Contains("needs the predictor role", viewerInfer.Body.GetProperty("error").GetString());
        Assert.Equal(401, madeUp.Status);
        Assert.Equal(403, predictorReload.Status);
    }
}

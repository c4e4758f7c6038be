using System.Text.Json;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Ensembles;
using Keel.Learn.Models;
using Keel.Learn.Trainers;
using Microsoft.AspNetCore.Builder;

namespace Keel.Serving.Tests;

/// <summary>
/// An ensemble (no exact SHAP values) served over OIP: /explain answers permutation SHAP against the bundle's
/// background rows, adding up to the P(positive) /infer answers; a bundle without background rows gets a 422 that
/// says how to get one; too many rows a 413.
/// </summary>
public sealed class EnsembleServingTests(ServingFixture f) : IClassFixture<ServingFixture>, IAsyncLifetime
{
    private Model _model = null!;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var data = ServingFixture.Telco.Take(Enumerable.Range(0, 600).ToArray()).Select(["tenure", "MonthlyCharges", "Contract", "PaperlessBilling", "Churn"]);
        _model = new EnsembleTrainer
        {
            Kind = EnsembleKind.Voting,
            Folds = 2,
            BaseTrainers = [new LightGbmTrainer { Iterations = 15 }, new LinearTrainer()],
        }.Fit(data, Target.Detect(data, "Churn"));
        f.Register("ensemble", _model, data, alias: null, ExplanationBackground.For(_model, data, seed: 3));
        f.Register("ensemble-old", _model, data, alias: null);
        _app = await f.StartServer(new ServerOptions { Models = [ModelSpec.Parse("ensemble@1"), ModelSpec.Parse("ensemble-old@1")], RefreshInterval = TimeSpan.FromHours(1) });
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static double[] Data(JsonElement body, string output) =>
        body.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == output).GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public async Task Explain_Ensemble_PermutationShapAddsUpToTheProbabilityInferAnswers()
    {
        var rows = ServingFixture.Telco.Take([700, 701, 702, 703]);
        var client = f.Client(f.PredictorKey, _app);

        var (inferStatus, infer) = await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/ensemble/infer", ServingFixture.Request(_model, rows));
        var (status, body) = await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/ensemble/explain", ServingFixture.Request(_model, rows));

        Assert.Equal(200, inferStatus);
        Assert.Equal(200, status);
        var parameters = body.GetProperty("parameters");
        Assert.Equal("permutation", parameters.GetProperty("method").GetString());
        Assert.Equal("probability", parameters.GetProperty("units").GetString());
        Assert.Equal(100, parameters.GetProperty("background_rows").GetInt32());
        Assert.Equal(10, parameters.GetProperty("permutations").GetInt32());
        Assert.Equal(["tenure", "MonthlyCharges", "Contract", "PaperlessBilling"], parameters.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var probabilities = Data(infer, "probabilities");
        var shap = Data(body, "shap");
        var baseValue = Data(body, "base_value")[0];
        Assert.Equal(4 * 4, shap.Length);
        for (var r = 0; r < 4; r++) Assert.Equal(probabilities[2 * r + 1], baseValue + shap.Skip(r * 4).Take(4).Sum(), 9);
        Assert.InRange(baseValue, 0.05, 0.6);
    }

    [Fact]
    public async Task Explain_SameRequestTwice_AnswersTheSameValues()
    {
        var request = ServingFixture.Request(_model, ServingFixture.Telco.Take([710, 711]));
        var client = f.Client(f.PredictorKey, _app);

        var (_, first) = await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/ensemble/explain", request);
        var (_, second) = await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/ensemble/explain", request);

        Assert.Equal(Data(first, "shap"), Data(second, "shap"));
    }

    [Fact]
    public async Task Explain_MoreRowsThanPermutationShapTakes_Is413()
    {
        var rows = ServingFixture.Telco.Take(Enumerable.Range(0, 11).ToArray());

        var (status, body) = await ServingFixture.Send(f.Client(f.PredictorKey, _app), HttpMethod.Post, "/v2/models/ensemble/explain", ServingFixture.Request(_model, rows));

        Assert.Equal(413, status);
        Assert.Contains("at most 10 rows", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Explain_BundleWithoutBackground_Is422SayingHowToGetOne_WhileInferWorks()
    {
        var rows = ServingFixture.Telco.Take([700]);
        var client = f.Client(f.PredictorKey, _app);

        var (inferStatus, _) = await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/ensemble-old/infer", ServingFixture.Request(_model, rows));
        var (status, body) = await ServingFixture.Send(client, HttpMethod.Post, "/v2/models/ensemble-old/explain", ServingFixture.Request(_model, rows));

        Assert.Equal(200, inferStatus);
        Assert.Equal(422, status);
        var error = body.GetProperty("error").GetString()!;
        Assert.Contains("StackedEnsemble", error);
        Assert.Contains("background.json", error);
        Assert.Contains("Retrain it", error);
    }
}

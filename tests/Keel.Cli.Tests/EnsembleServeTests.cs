using System.Globalization;
using System.Text.Json;

namespace Keel.Cli.Tests;

/// <summary>
/// An ensemble through the real <c>keel</c>: <c>keel automl</c> writes it with a background sample, <c>keel models
/// register</c> stores it, and <c>keel serve</c> on 127.0.0.1 infers and explains it by permutation SHAP, the values
/// adding up to the P(positive) /infer answers.
/// </summary>
public sealed class EnsembleServeTests : IDisposable
{
    private readonly KeelServer _work = new();

    public EnsembleServeTests()
    {
        // y depends on x1, x2 and the colour; x3 is noise.
        var random = new Random(5);
        var lines = new List<string> { "x1,x2,x3,colour,y" };
        for (var i = 0; i < 300; i++)
        {
            var (x1, x2, x3) = (random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2, random.NextDouble());
            var colour = (i % 3) switch { 0 => "red", 1 => "green", _ => "blue" };
            var logit = 1.5 * x1 - x2 + (colour == "red" ? 1 : 0);
            var y = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? "yes" : "no";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{x1:0.###},{x2:0.###},{x3:0.###},{colour},{y}"));
        }
        _work.File("d.csv", string.Join("\n", lines) + "\n");
    }

    public void Dispose() => _work.Dispose();

    private const string ThreeRows =
        """{"inputs":[{"name":"x1","datatype":"FP64","shape":[3],"data":[1.5,-1.2,0.1]},{"name":"x2","datatype":"FP64","shape":[3],"data":[-1,1.4,0.3]},{"name":"x3","datatype":"FP64","shape":[3],"data":[0.5,0.2,0.9]},{"name":"colour","datatype":"BYTES","shape":[3],"data":["red","blue","green"]}]}""";

    [Fact]
    public async Task Serve_AnAutoMlEnsemble_InfersAndExplainsWithPermutationShapThatAddsUpToTheProbability()
    {
        _work.Keel("automl", "--data", "d.csv", "--label", "y", "--trainers", "linear,lightgbm", "--trials-per-trainer", "1", "--folds", "2", "--time-budget", "60s", "--out", "m.keel");
        var inspect = JsonDocument.Parse(_work.Keel("inspect", "--model", "m.keel", "--json")).RootElement;
        Assert.Equal(100, inspect.GetProperty("backgroundRows").GetInt32());
        _work.Keel("models", "register", "--model", "m.keel", "--name", "ens");
        var client = await Serve("ens@1");

        var (status, infer) = await Post(client, "/v2/models/ens/infer", ThreeRows);
        var (explainStatus, explain) = await Post(client, "/v2/models/ens/explain", ThreeRows);

        Assert.Equal(200, status);
        Assert.Equal(200, explainStatus);
        var parameters = explain.GetProperty("parameters");
        Assert.Equal("permutation", parameters.GetProperty("method").GetString());
        Assert.Equal("probability", parameters.GetProperty("units").GetString());
        Assert.Equal(["x1", "x2", "x3", "colour"], parameters.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["yes"], parameters.GetProperty("explained").EnumerateArray().Select(c => c.GetString()));
        var probabilities = Data(infer, "probabilities");
        var shap = Data(explain, "shap");
        var baseValue = Data(explain, "base_value")[0];
        for (var r = 0; r < 3; r++) Assert.Equal(probabilities[2 * r + 1], baseValue + shap.Skip(r * 4).Take(4).Sum(), 9);
        // The first row (x1 high, x2 low, red) is pushed towards yes by x1; the second towards no.
        Assert.True(shap[0] > 0 && shap[4] < 0, $"x1's values {shap[0]}, {shap[4]}");
    }

    private static double[] Data(JsonElement body, string name) =>
        body.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == name)
            .GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private async Task<HttpClient> Serve(string model) => (await _work.Serve(model, TimeSpan.FromSeconds(60))).Client;

    private static Task<(int Status, JsonElement Body)> Post(HttpClient client, string path, string body) => KeelServer.Post(client, path, body);
}

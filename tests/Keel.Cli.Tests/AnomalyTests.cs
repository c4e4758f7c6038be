using System.Globalization;
using System.Text.Json;

namespace Keel.Cli.Tests;

/// <summary>
/// An anomaly detector through the real <c>keel</c>: trained with and without a label, scored, evaluated, and served
/// by <c>keel serve</c> on 127.0.0.1, whose /infer gives score and is_anomaly and whose /explain gives TreeSHAP values
/// that add up to the raw score (the expected path length).
/// </summary>
public sealed class AnomalyTests : IDisposable
{
    private readonly KeelServer _work = new();

    public AnomalyTests()
    {
        // 300 ordinary rows around (0, 0) of two colours, then 10 far away: the label marks them but is never a feature.
        var random = new Random(11);
        var lines = new List<string> { "a,b,colour,outlier" };
        for (var i = 0; i < 310; i++)
        {
            var far = i >= 300;
            var a = far ? 8 + random.NextDouble() : random.NextDouble() * 2 - 1;
            var b = far ? -8 - random.NextDouble() : random.NextDouble() * 2 - 1;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{a:0.####},{b:0.####},{(i % 2 == 0 ? "red" : "blue")},{(far ? 1 : 0)}"));
        }
        _work.File("d.csv", string.Join("\n", lines) + "\n");
        _work.File("new.csv", "a,b,colour\n0.1,-0.2,red\n9.5,-9.1,blue\n");
    }

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Train_WithALabel_EvaluatesTheDetectorOnHeldOutRows()
    {
        var result = JsonDocument.Parse(_work.Keel("train", "--data", "d.csv", "--task", "anomaly", "--label", "outlier", "--out", "m.keel", "--json")).RootElement;

        Assert.Equal("anomaly", result.GetProperty("task").GetString());
        Assert.Equal("IsolationForest", result.GetProperty("trainer").GetString());
        var auc = result.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "roc_auc").GetProperty("value").GetDouble();
        Assert.True(auc > 0.95, $"roc_auc {auc}");
        Assert.Equal(0.5, result.GetProperty("threshold").GetDouble());
    }

    [Fact]
    public void Predict_WritesTheScoreAndTheFlag_HigherForTheFarRow()
    {
        _work.Keel("train", "--data", "d.csv", "--task", "anomaly", "--trainer", "lof", "--ignore", "outlier", "--out", "m.keel");

        _work.Keel("predict", "--model", "m.keel", "--data", "new.csv", "--out", "p.csv");

        var rows = File.ReadAllLines(Path.Combine(_work.Path, "p.csv"));
        Assert.Equal("a,b,colour,anomaly_score,is_anomaly,model_version", rows[0]);
        var near = rows[1].Split(',');
        var far = rows[2].Split(',');
        Assert.True(double.Parse(far[3], CultureInfo.InvariantCulture) > 10 * double.Parse(near[3], CultureInfo.InvariantCulture));
        Assert.Equal(("false", "true"), (near[4], far[4]));
    }

    [Fact]
    public void Evaluate_AnUnlabelledDetector_TakesTheLabelFromTheCommandLine()
    {
        _work.Keel("train", "--data", "d.csv", "--task", "anomaly", "--trainer", "knn", "--ignore", "outlier", "--out", "m.keel");

        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "evaluate", "--model", "m.keel", "--data", "d.csv");
        var result = JsonDocument.Parse(_work.Keel("evaluate", "--model", "m.keel", "--data", "d.csv", "--label", "outlier", "--bootstrap", "0", "--json")).RootElement;

        Assert.Equal(2, exit);
        Assert.Contains("--label", stderr);
        Assert.True(result.GetProperty("metrics")[0].GetProperty("value").GetDouble() > 0.95);
    }

    [Fact]
    public void Train_WithoutLabelOrAnomalyTask_IsAUsageError()
    {
        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "train", "--data", "d.csv");

        Assert.Equal(1, exit);
        Assert.Contains("--label", stderr);
    }

    private async Task<HttpClient> Serve(string model) => (await _work.Serve(model)).Client;

    private static Task<(int Status, JsonElement Body)> Post(HttpClient client, string path, string body) => KeelServer.Post(client, path, body);

    private const string TwoRows =
        """{"inputs":[{"name":"a","datatype":"FP64","shape":[2],"data":[0.1,9.5]},{"name":"b","datatype":"FP64","shape":[2],"data":[-0.2,-9.1]},{"name":"colour","datatype":"BYTES","shape":[2],"data":["red","blue"]}]}""";

    private static JsonElement Output(JsonElement body, string name) =>
        body.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == name);

    [Fact]
    public async Task Serve_InfersScoreAndFlag_AndExplainsThePathLengthWithShapValuesThatAddUp()
    {
        _work.Keel("train", "--data", "d.csv", "--task", "anomaly", "--label", "outlier", "--out", "m.keel");
        _work.Keel("models", "register", "--model", "m.keel", "--name", "fraud");
        var client = await Serve("fraud@1");

        var metadata = JsonDocument.Parse(await client.GetStringAsync("/v2/models/fraud")).RootElement;
        var (status, infer) = await Post(client, "/v2/models/fraud/infer", TwoRows);
        var (explainStatus, explain) = await Post(client, "/v2/models/fraud/explain", TwoRows);

        Assert.Equal(["score", "is_anomaly"], metadata.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(200, status);
        var score = Output(infer, "score");
        var flag = Output(infer, "is_anomaly");
        Assert.Equal("FP64", score.GetProperty("datatype").GetString());
        Assert.Equal("BOOL", flag.GetProperty("datatype").GetString());
        var scores = score.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.True(scores[0] < 0.5 && scores[1] > 0.6, $"scores {string.Join(", ", scores)}");
        Assert.Equal([false, true], flag.GetProperty("data").EnumerateArray().Select(v => v.GetBoolean()));

        Assert.Equal(200, explainStatus);
        Assert.Equal("expected path length (shorter = more anomalous)", explain.GetProperty("parameters").GetProperty("units").GetString());
        Assert.Equal(["a", "b", "colour"], explain.GetProperty("parameters").GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var shap = Output(explain, "shap").GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var baseValue = Output(explain, "base_value").GetProperty("data")[0].GetDouble();
        var c = AveragePathLength(248); // ψ = min(256, the 248 rows left after holding out 20 % of each class)
        for (var r = 0; r < 2; r++)
        {
            var pathLength = baseValue + shap.Skip(r * 3).Take(3).Sum();
            Assert.Equal(scores[r], Math.Pow(2, -pathLength / c), 9);
        }
        Assert.True(shap[3] < 0 && shap[4] < 0, "the far row's a and b shorten its path");
    }

    [Fact]
    public async Task Serve_ALocalOutlierFactorModel_InfersButRefusesToExplainWithA422()
    {
        _work.Keel("train", "--data", "d.csv", "--task", "anomaly", "--trainer", "lof", "--ignore", "outlier", "--out", "m.keel");
        _work.Keel("models", "register", "--model", "m.keel", "--name", "lof");
        var client = await Serve("lof@1");

        var (status, _) = await Post(client, "/v2/models/lof/infer", TwoRows);
        var (explainStatus, explain) = await Post(client, "/v2/models/lof/explain", TwoRows);

        Assert.Equal(200, status);
        Assert.Equal(422, explainStatus);
        Assert.Contains("isolation_forest", explain.GetProperty("error").GetString());
    }

    /// <summary>c(n) of scikit-learn's _average_path_length, for n &gt; 2.</summary>
    private static double AveragePathLength(int n) => 2 * (Math.Log(n - 1) + 0.5772156649015329) - 2.0 * (n - 1) / n;
}

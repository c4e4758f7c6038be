using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Keel.Data;
using Keel.Data.Io;
using Keel.Learn.Bundles;

namespace Keel.Cli.Tests;

/// <summary>
/// <c>keel mitigate</c> on the first 3,000 rows of UCI Adult (sex as the sensitive column): the before/after result,
/// a mitigated bundle that <c>keel predict</c> and a real <c>keel serve</c> apply with its post-processing, and
/// the refusals of bad input.
/// </summary>
public sealed class MitigateTests : IDisposable
{
    private readonly WorkFolder _work = new();
    private readonly List<Process> _servers = [];

    public MitigateTests()
    {
        var lines = File.ReadLines(KeelProcess.Sample("adult.data")).Take(3000);
        _work.File("adult.data", string.Join("\n", lines) + "\n");
    }

    public void Dispose()
    {
        foreach (var server in _servers.Where(s => !s.HasExited)) server.Kill(entireProcessTree: true);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _work.Dispose();
    }

    private static readonly string[] Read = ["--data", "adult.data", "--schema", KeelProcess.Sample("adult.schema.json"), "--label", "income", "--sensitive", "sex"];

    private (int Exit, string Stdout, string Stderr) Keel(params string[] args) => KeelProcess.Run(_work.Path, args);

    private JsonElement Mitigate(params string[] args)
    {
        var (exit, stdout, stderr) = Keel(["mitigate", .. Read, .. args, "--json"]);
        Assert.True(exit == 0, $"keel mitigate {string.Join(' ', args)}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private Table Adult() => CsvTableReader.Read(Path.Combine(_work.Path, "adult.data"), SchemaFile.Load(KeelProcess.Sample("adult.schema.json")).ApplyTo(new CsvReadOptions()));

    [Fact]
    public void Threshold_DemographicParity_LowersTheDifference_AndPredictAppliesThePostProcessing()
    {
        var result = Mitigate("--method", "threshold", "--out", "fair.keel");
        var before = result.GetProperty("before").GetProperty("demographicParityDifference").GetDouble();
        var after = result.GetProperty("after").GetProperty("demographicParityDifference").GetDouble();
        Assert.True(before > 0.1, $"baseline DPD {before}");
        Assert.True(after < before / 2, $"DPD {before} → {after}");

        var bundle = ModelBundle.Load(Path.Combine(_work.Path, "fair.keel"));
        Assert.Contains(bundle.Manifest.Inputs, c => c.Name == "sex");
        Assert.NotNull(bundle.Model.PostProcessor);
        Assert.Null(bundle.Onnx);

        var (exit, _, stderr) = Keel(["predict", "--model", "fair.keel", "--data", "adult.data", "--schema", KeelProcess.Sample("adult.schema.json"), "--out", "p.csv"]);
        Assert.True(exit == 0, stderr);
        var predicted = CsvTableReader.Read(Path.Combine(_work.Path, "p.csv"));
        var expected = bundle.Model.Predict(Adult());
        var labels = predicted["predicted_income"];
        var probabilities = (NumericColumn)predicted["probability_>50K"];
        for (var i = 0; i < predicted.RowCount; i++)
        {
            Assert.Equal(expected.Labels![i], labels.FormatValue(i));
            Assert.Equal(expected.PositiveProbabilities()[i], probabilities.Values[i], 9);
        }
        // The post-processed probabilities are the groups' randomized rules, not the base model's scores.
        var baseScores = bundle.Model.Predict(bundle.Model.Features.Transform(Adult())).PositiveProbabilities();
        Assert.Contains(Enumerable.Range(0, predicted.RowCount), i => Math.Abs(baseScores[i] - probabilities.Values[i]) > 1e-6);
    }

    [Fact]
    public void Predict_WithoutTheSensitiveColumn_IsRefusedNamingIt()
    {
        Mitigate("--method", "threshold", "--out", "fair.keel");
        var lines = File.ReadLines(Path.Combine(_work.Path, "adult.data")).Select(l => string.Join(",", l.Split(',').Where((_, k) => k != 9)));
        _work.File("nosex.data", string.Join("\n", lines) + "\n");
        var names = "age,workclass,fnlwgt,education,education-num,marital-status,occupation,relationship,race,capital-gain,capital-loss,hours-per-week,native-country,income";
        var (exit, _, stderr) = Keel(["predict", "--model", "fair.keel", "--data", "nosex.data", "--header", "false", "--columns", names, "--out", "q.csv"]);
        Assert.Equal(2, exit);
        Assert.Contains("'sex'", stderr);
    }

    [Fact]
    public void Reweighing_AndExpgrad_WriteOrdinaryBundles_ThatExplain()
    {
        var reweighed = Mitigate("--method", "reweighing", "--out", "rw.keel");
        Assert.Equal(4, reweighed.GetProperty("details").GetProperty("factors").GetArrayLength());
        var expgrad = Mitigate("--method", "expgrad", "--trainer", "linear", "--max-iter", "5", "--out", "eg.keel");
        var before = expgrad.GetProperty("before").GetProperty("demographicParityDifference").GetDouble();
        var after = expgrad.GetProperty("after").GetProperty("demographicParityDifference").GetDouble();
        Assert.True(after < before, $"DPD {before} → {after}");
        Assert.True(expgrad.GetProperty("details").GetProperty("n_oracle_calls").GetInt32() >= 5);

        var (exit, stdout, stderr) = Keel(["explain", "--model", "eg.keel", "--data", "adult.data", "--schema", KeelProcess.Sample("adult.schema.json"), "--rows", "0", "--sample", "20", "--background", "20"]);
        Assert.True(exit == 0, stderr);
        Assert.Contains("permutation SHAP", stdout + stderr);
        var inspect = Keel(["inspect", "--model", "eg.keel"]);
        Assert.Equal(0, inspect.Exit);
        // The randomized mixture has no exact SHAP values: its bundle keeps training rows for the server to explain it
        // against; the reweighed LightGBM model is explained exactly and keeps none.
        var mixture = ModelBundle.Load(Path.Combine(_work.Path, "eg.keel"));
        Assert.IsType<Keel.Learn.Models.RandomizedMixture>(mixture.Model.Predictor);
        Assert.Equal(ExplanationBackground.MaxRows, mixture.Background!.Rows.Count);
        Assert.Equal(mixture.Model.Features.FeatureNames, mixture.Background.Features);
        Assert.Null(ModelBundle.Load(Path.Combine(_work.Path, "rw.keel")).Background);
    }

    [Fact]
    public async Task Serve_ThresholdBundle_AnswersThePostProcessedDecision_AndRefusesARequestWithoutSex()
    {
        Mitigate("--method", "threshold", "--constraint", "equalized_odds", "--out", "fair.keel");
        Assert.Equal(0, Keel("models", "register", "--model", "fair.keel", "--name", "fair").Exit);
        Assert.Equal(0, Keel("models", "alias", "fair", "champion", "1").Exit);
        var port = FreePortNumber();
        var server = KeelProcess.Start(_work.Path, ["serve", "--models", "fair", "--urls", $"http://127.0.0.1:{port}", "--insecure-no-auth"]);
        _servers.Add(server);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        await WaitReady(server, client);

        var rows = Adult().Take(Enumerable.Range(0, 40).ToArray());
        var model = ModelBundle.Load(Path.Combine(_work.Path, "fair.keel")).Model;
        var expected = model.Predict(rows);
        var (status, body) = await Infer(client, Request(rows, Signature.Inputs(model).Select(c => c.Name)));
        Assert.Equal(200, status);
        var outputs = body.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        var labels = outputs["label"].GetProperty("data").EnumerateArray().Select(e => e.GetString()).ToArray();
        var probabilities = outputs["probabilities"].GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(expected.Labels, labels);
        for (var i = 0; i < rows.RowCount; i++) Assert.Equal(expected.PositiveProbabilities()[i], probabilities[2 * i + 1], 9);

        var (missing, error) = await Infer(client, Request(rows, Signature.Inputs(model).Select(c => c.Name).Where(c => c != "sex")));
        Assert.Equal(400, missing);
        Assert.Contains("'sex'", error.GetProperty("error").GetString());

        var unknown = Request(rows.WithColumn(CategoricalColumn.FromStrings("sex", Enumerable.Repeat<string?>("Other", rows.RowCount).ToArray())), Signature.Inputs(model).Select(c => c.Name));
        var (bad, badError) = await Infer(client, unknown);
        Assert.Equal(400, bad);
        Assert.Contains("'Other'", badError.GetProperty("error").GetString());
    }

    [Fact]
    public void UnknownSensitiveColumn_ListsTheColumns()
    {
        var (exit, _, stderr) = Keel("mitigate", "--method", "threshold", "--data", "adult.data", "--schema", KeelProcess.Sample("adult.schema.json"), "--label", "income", "--sensitive", "gender");
        Assert.Equal(2, exit);
        Assert.Contains("'gender'", stderr);
        Assert.Contains("age, workclass", stderr);
        Assert.Empty(_work.FilesExcept("adult.data"));
    }

    [Fact]
    public void UnknownMethod_IsRefused()
    {
        var (exit, _, stderr) = Keel(["mitigate", .. Read, "--method", "magic"]);
        Assert.Equal(2, exit);
        Assert.Contains("\"magic\" is not one of reweighing, expgrad, threshold", stderr);
    }

    [Fact]
    public void ConstraintNotAllowedForTheMethod_IsRefused_WithEveryProblem()
    {
        var (exit, _, stderr) = Keel(["mitigate", .. Read, "--method", "reweighing", "--constraint", "equalized_odds", "--model", "m.keel"]);
        Assert.Equal(2, exit);
        Assert.Contains("--constraint does not apply to reweighing", stderr);
        Assert.Contains("--model applies to --method threshold only", stderr);
        var unknown = Keel(["mitigate", .. Read, "--method", "expgrad", "--constraint", "fairness"]);
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("'fairness' is not one of demographic_parity, equalized_odds, equal_opportunity", unknown.Stderr);
    }

    private static string Request(Table rows, IEnumerable<string> columns)
    {
        var inputs = columns.Select(name =>
        {
            var column = rows[name];
            object?[] data = column is NumericColumn n
                ? n.Values.ToArray().Select(v => (object?)v).ToArray()
                : Enumerable.Range(0, rows.RowCount).Select(i => (object?)column.FormatValue(i)).ToArray();
            return new { name, datatype = column is NumericColumn ? "FP64" : "BYTES", shape = new[] { rows.RowCount }, data };
        });
        return JsonSerializer.Serialize(new { parameters = new { content_type = "pd" }, inputs });
    }

    private static async Task<(int Status, JsonElement Body)> Infer(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/v2/models/fair/infer", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static int FreePortNumber()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitReady(Process server, HttpClient client)
    {
        var log = new StringBuilder();
        server.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        server.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        for (var i = 0; i < 600; i++)
        {
            if (server.HasExited) throw new InvalidOperationException($"keel serve exited with {server.ExitCode}: {log}");
            try
            {
                if ((await client.GetAsync("/v2/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"keel serve did not become ready: {log}");
    }
}

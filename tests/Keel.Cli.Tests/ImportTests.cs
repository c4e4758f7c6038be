using System.Globalization;
using System.Text;
using System.Text.Json;
using Keel.Learn.Bundles;

namespace Keel.Cli.Tests;

/// <summary>
/// <c>keel import</c> on the XGBoost fixtures of Keel.Learn.Tests (tests/fixtures/make_xgboost_fixture.py): the bundle
/// it writes predicts what XGBoost predicts through <c>keel predict</c>, and bad imports write nothing.
/// </summary>
public sealed class ImportTests : IDisposable
{
    private readonly WorkFolder _work = new();

    public void Dispose() => _work.Dispose();

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The fixture's rows as a CSV (missing values empty) and XGBoost's predictions of them.</summary>
    private (string Csv, double[][] Predictions) Rows(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Fixture($"xgboost_{name}.expected.json")));
        var root = json.RootElement;
        var csv = new StringBuilder(string.Join(',', root.GetProperty("features").EnumerateArray().Select(f => f.GetString())) + "\n");
        foreach (var row in root.GetProperty("rows").EnumerateArray())
            csv.Append(string.Join(',', row.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? "" : v.GetDouble().ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        var predictions = root.GetProperty("predictions").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        return (_work.File($"{name}.csv", csv.ToString()), predictions);
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(','), (h, v) => (h, v)).ToDictionary(p => p.h, p => p.v)).ToList();
    }

    [Fact]
    public void Import_XgboostBinary_ThenPredict_GivesXgboostsProbabilities()
    {
        var (csv, expected) = Rows("binary");

        var (exit, stdout, stderr) = KeelProcess.Run(_work.Path, "import", "--xgboost", Fixture("xgboost_binary.model.json"),
            "--label", "Churn", "--classes", "No,Yes", "--data", csv, "--out", "churn.keel", "--json");

        Assert.True(exit == 0, stderr);
        using (var result = JsonDocument.Parse(stdout))
        {
            Assert.Equal("XGBoost (imported)", result.RootElement.GetProperty("trainer").GetString());
            Assert.True(result.RootElement.GetProperty("onnx").GetBoolean());
        }
        var bundle = ModelBundle.Load(Path.Combine(_work.Path, "churn.keel"));
        Assert.Equal(200, bundle.Profile.RowCount);
        Assert.Equal("binary.csv", bundle.Manifest.TrainingData.Source);

        (exit, _, stderr) = KeelProcess.Run(_work.Path, "predict", "--model", "churn.keel", "--data", csv, "--out", "p.csv");

        Assert.True(exit == 0, stderr);
        var rows = ReadCsv(Path.Combine(_work.Path, "p.csv"));
        Assert.Equal(expected.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i][0], double.Parse(rows[i]["probability_Yes"], CultureInfo.InvariantCulture), 1e-6);
            Assert.Equal(expected[i][0] >= 0.5 ? "Yes" : "No", rows[i]["predicted_Churn"]);
            Assert.Equal("churn@1", rows[i]["model_version"]);
        }
    }

    [Fact]
    public void Import_SoftmaxWithSchema_TakesInputsAndLabelFromIt()
    {
        var (csv, expected) = Rows("softmax");
        var schema = _work.File("contract.schema.json", """
            { "columns": [ { "name": "SeniorCitizen", "type": "boolean" }, { "name": "tenure" }, { "name": "MonthlyCharges" },
                           { "name": "customerID", "role": "id" }, { "name": "TotalCharges", "type": "numeric" },
                           { "name": "Contract", "role": "label" } ] }
            """);

        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "import", "--xgboost", Fixture("xgboost_softmax.model.json"), "--schema", schema,
            "--classes", "Month-to-month,One year,Two year", "--out", "contract.keel");
        Assert.True(exit == 0, stderr);
        (exit, _, stderr) = KeelProcess.Run(_work.Path, "predict", "--model", "contract.keel", "--data", csv, "--out", "p.csv");

        Assert.True(exit == 0, stderr);
        var manifest = ModelBundle.Load(Path.Combine(_work.Path, "contract.keel")).Manifest;
        Assert.Equal("Contract", manifest.Label);
        Assert.Equal(["SeniorCitizen", "tenure", "MonthlyCharges", "TotalCharges"], manifest.Inputs.Select(i => i.Name));
        string[] classes = ["Month-to-month", "One year", "Two year"];
        var rows = ReadCsv(Path.Combine(_work.Path, "p.csv"));
        for (var i = 0; i < rows.Count; i++) Assert.Equal(classes[(int)expected[i][0]], rows[i]["predicted_Contract"]);
    }

    [Fact]
    public void Import_ModelWithoutNames_AsksForColumnsAndWritesNothing()
    {
        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "import", "--xgboost", Fixture("xgboost_softprob.model.json"), "--out", "m.keel");

        Assert.Equal(2, exit);
        Assert.Contains("stores no feature names", stderr);
        Assert.Contains("--columns", stderr);
        Assert.Empty(_work.FilesExcept());
    }

    [Fact]
    public void Import_WrongNumberOfColumns_NamesBothCounts()
    {
        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "import", "--xgboost", Fixture("xgboost_softprob.model.json"), "--columns", "a,b,c", "--out", "m.keel");

        Assert.Equal(2, exit);
        Assert.Contains("has 4 features but 3 input columns were named", stderr);
        Assert.Empty(_work.FilesExcept());
    }

    [Fact]
    public void Import_CategoricalSplit_IsRefusedNamingTheNode()
    {
        var (exit, _, stderr) = KeelProcess.Run(_work.Path, "import", "--xgboost", Fixture("xgboost_categorical.model.json"), "--out", "m.keel");

        Assert.Equal(2, exit);
        Assert.Contains("tree 0, node 0 is a categorical split", stderr);
        Assert.Empty(_work.FilesExcept());
    }

    [Fact]
    public void Import_BothOrNeitherModelFile_IsAUsageError()
    {
        var (neither, _, stderr) = KeelProcess.Run(_work.Path, "import", "--out", "m.keel");
        var (both, _, _) = KeelProcess.Run(_work.Path, "import", "--lightgbm", "a.txt", "--xgboost", "b.json", "--out", "m.keel");

        Assert.Equal(1, neither);
        Assert.Equal(1, both);
        Assert.Contains("exactly one of --lightgbm model.txt or --xgboost model.json", stderr);
    }
}

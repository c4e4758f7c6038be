using System.Text.Json;
using Keel.Data;

namespace Keel.Learn.Tests.Import;

/// <summary>
/// One case of tests/fixtures/make_xgboost_fixture.py: the model file XGBoost 1.7.4 saved, and 200 rows with XGBoost's
/// raw margins and predictions for them (NaN written as null).
/// </summary>
public sealed record XgboostFixture(string ModelPath, string Objective, string[] Features, float[][] Rows, double[][] Margins, double[][] Predictions)
{
    public static XgboostFixture Load(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(TestData.Fixture($"xgboost_{name}.expected.json")));
        var root = json.RootElement;
        return new XgboostFixture(
            TestData.Fixture($"xgboost_{name}.model.json"),
            root.GetProperty("objective").GetString()!,
            root.GetProperty("features").EnumerateArray().Select(e => e.GetString()!).ToArray(),
            root.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? float.NaN : v.GetSingle()).ToArray()).ToArray(),
            Numbers(root.GetProperty("margins")),
            Numbers(root.GetProperty("predictions")));
    }

    public string ModelText => File.ReadAllText(ModelPath);

    /// <summary>The rows as features, row-major.</summary>
    public float[] Features32 => Rows.SelectMany(r => r).ToArray();

    /// <summary>The rows as a table of numeric columns named after the features (missing values NaN).</summary>
    public Table Table => new(Features.Select((name, j) => (Column)new NumericColumn(name, Rows.Select(r => (double)r[j]).ToArray())).ToArray());

    private static double[][] Numbers(JsonElement rows) =>
        rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
}

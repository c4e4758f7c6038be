using System.Text.Json;
using Keel.Data;
using Keel.Data.Io;

namespace Keel.Learn.Tests.Anomaly;

/// <summary>
/// The synthetic anomaly data and scikit-learn's / NumPy's numbers for it, made by
/// tests/fixtures/make_anomaly_fixtures.py (the command is in its docstring).
/// </summary>
public static class AnomalyFixture
{
    private static readonly Lazy<Table> TrainTable = new(() => CsvTableReader.Read(TestData.Fixture("anomaly_train.csv")));
    private static readonly Lazy<Table> QueryTable = new(() => CsvTableReader.Read(TestData.Fixture("anomaly_query.csv")));
    private static readonly Lazy<JsonElement> Expected = new(() =>
        JsonDocument.Parse(File.ReadAllText(TestData.Fixture("anomaly_sklearn.json"))).RootElement.Clone());

    /// <summary>420 rows: x0..x3 and outlier (1 for the 20 uniformly drawn rows).</summary>
    public static Table Train => TrainTable.Value;

    /// <summary>40 new rows (10 outliers), same columns.</summary>
    public static Table Query => QueryTable.Value;

    /// <summary>The training rows without the label column.</summary>
    public static Table Features(Table t) => t.Select(["x0", "x1", "x2", "x3"]);

    public static JsonElement Sklearn => Expected.Value;

    public static double[] Numbers(params string[] path)
    {
        var e = Sklearn;
        foreach (var p in path) e = e.GetProperty(p);
        return e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
    }

    public static int[] Labels(Table t) => ((NumericColumn)t["outlier"]).Values.ToArray().Select(v => (int)v).ToArray();
}

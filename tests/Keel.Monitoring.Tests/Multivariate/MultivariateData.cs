using System.Text.Json;
using Keel.Data;
using Keel.Data.Io;

namespace Keel.Monitoring.Tests.Multivariate;

/// <summary>The data the multivariate tests share: the scikit-learn fixture, NannyML's butterfly, and Adult.</summary>
internal static class MultivariateData
{
    private static readonly Lazy<Table> AdultTable = new(() =>
        CsvTableReader.Read(Path.Combine(AppContext.BaseDirectory, "samples", "adult.data")).WithRole("column15", ColumnRole.Label));

    /// <summary>Adult (32,561 rows), its income column (column15) marked as the label.</summary>
    public static Table Adult => AdultTable.Value;

    public static JsonDocument Fixture(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)));

    /// <summary>A table of the fixture's columns a, b, c, d (numbers, null missing), colour (text, null missing) and flag (booleans).</summary>
    public static Table FixtureTable(JsonElement data)
    {
        double[] Numbers(string name) => data.GetProperty(name).EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();
        var colour = data.GetProperty("colour").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToArray();
        var flag = data.GetProperty("flag").EnumerateArray().Select(v => v.GetBoolean() ? (byte)1 : (byte)0).ToArray();
        return new Table([
            new NumericColumn("a", Numbers("a")),
            new NumericColumn("b", Numbers("b")),
            new NumericColumn("c", Numbers("c")),
            new NumericColumn("d", Numbers("d")),
            CategoricalColumn.FromStrings("colour", colour),
            new BooleanColumn("flag", flag),
        ]);
    }

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>
    /// NannyML's "butterfly" (docs/how_it_works/multivariate_drift.rst): two standard normal columns that move together
    /// (correlation 0.8) beside three unrelated ones; with <paramref name="rotated"/> the pair is turned 90 degrees, so
    /// that they move against each other (correlation −0.8) while each column's own distribution stays N(0, 1).
    /// </summary>
    public static Table Butterfly(int rows, bool rotated, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var columns = new double[5][];
        for (var j = 0; j < 5; j++) columns[j] = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            // Along the diagonal (variance 1.8) and across it (variance 0.2): correlation 0.8, each column N(0, 1).
            var along = Normal() * Math.Sqrt(1.8);
            var across = Normal() * Math.Sqrt(0.2);
            var (x, y) = ((along + across) / Math.Sqrt(2), (along - across) / Math.Sqrt(2));
            (columns[0][i], columns[1][i]) = rotated ? (-y, x) : (x, y);
            for (var j = 2; j < 5; j++) columns[j][i] = Normal();
        }
        return new Table(columns.Select((c, j) => (Column)new NumericColumn($"feature{j + 1}", c)).ToArray());
    }
}

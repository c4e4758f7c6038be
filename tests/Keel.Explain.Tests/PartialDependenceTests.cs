using System.Globalization;
using System.Text.Json;
using Keel.Data;
using Keel.Data.Io;
using Keel.Learn;
using Keel.Learn.Trainers;

namespace Keel.Explain.Tests;

public class PartialDependenceTests
{
    private static Table Sample(string name) =>
        CsvTableReader.Read(Path.Combine(AppContext.BaseDirectory, "samples", name));

    /// <summary>Grids from scikit-learn 1.2.1 (tests/fixtures/make_partial_dependence_fixture.py).</summary>
    [Fact]
    public void Grid_EqualsScikitLearns()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sklearn_pd_grids.json")));
        foreach (var c in json.RootElement.GetProperty("cases").EnumerateArray())
        {
            var table = Sample(c.GetProperty("source").GetString()!);
            var expected = c.GetProperty("grid").EnumerateArray().Select(v => v.GetDouble()).ToArray();

            var grid = PartialDependence.Grid(table[c.GetProperty("column").GetString()!], c.GetProperty("grid_resolution").GetInt32())
                .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

            Assert.Equal(expected.Length, grid.Length);
            for (var i = 0; i < grid.Length; i++) Assert.Equal(expected[i], grid[i], 1e-9 * Math.Max(1, Math.Abs(expected[i])));
        }
    }

    private static (Keel.Learn.Models.Model Model, Table Data) Churn()
    {
        var telco = Sample("telco_churn.csv").Take(Enumerable.Range(0, 600).ToArray());
        return (new LightGbmTrainer { Iterations = 30 }.Fit(telco, Target.Detect(telco, "Churn")), telco.Take(Enumerable.Range(0, 150).ToArray()));
    }

    /// <summary>The brute force, done the slow way: a table whose column holds the grid value in every row.</summary>
    private static double[] Predict(Keel.Learn.Models.Model model, Table data, string column, string value)
    {
        var replaced = data[column] is NumericColumn
            ? (Column)new NumericColumn(column, Enumerable.Repeat(double.Parse(value, CultureInfo.InvariantCulture), data.RowCount).ToArray())
            : CategoricalColumn.FromStrings(column, Enumerable.Repeat<string?>(value, data.RowCount).ToArray());
        return model.Predict(data.WithColumn(replaced)).PositiveProbabilities();
    }

    [Theory]
    [InlineData("tenure")]
    [InlineData("Contract")]
    public void OneColumn_AverageAndIceEqualPredictingTheReplacedTable(string column)
    {
        var (model, data) = Churn();

        var pd = PartialDependence.Compute(model, data, [column], gridResolution: 20);

        Assert.Equal(column == "Contract" ? ["Month-to-month", "One year", "Two year"] : pd.Grid[0], pd.Grid[0]);
        for (var point = 0; point < pd.Grid[0].Count; point += 3)
        {
            var expected = Predict(model, data, column, pd.Grid[0][point]);
            Assert.Equal(expected.Average(), pd.At(point), 12);
            for (var r = 0; r < data.RowCount; r += 37) Assert.Equal(expected[r], pd.Ice(r, point), 12);
        }
    }

    [Fact]
    public void TwoColumns_GiveTheProductGrid()
    {
        var (model, data) = Churn();

        var pd = PartialDependence.Compute(model, data, ["tenure", "Contract"], gridResolution: 10);

        Assert.Equal(pd.Grid[0].Count * 3, pd.Average.Length);
        Assert.Null(pd.Individual);
        var (i, j) = (4, 2);
        var both = data.WithColumn(new NumericColumn("tenure", Enumerable.Repeat(double.Parse(pd.Grid[0][i], CultureInfo.InvariantCulture), data.RowCount).ToArray()))
            .WithColumn(CategoricalColumn.FromStrings("Contract", Enumerable.Repeat<string?>(pd.Grid[1][j], data.RowCount).ToArray()));
        Assert.Equal(model.Predict(both).PositiveProbabilities().Average(), pd.At(i * 3 + j), 12);
    }

    [Fact]
    public void AColumnTheModelDoesNotRead_IsRefusedWithTheColumnsItReads()
    {
        var (model, data) = Churn();

        var error = Assert.Throws<KeelLearnException>(() => PartialDependence.Compute(model, data, ["customerID"]));

        Assert.Contains("does not read column 'customerID'", error.Message);
    }
}

using Keel.Data;
using Keel.Data.Profiling;
using Keel.Monitoring.Quality;

namespace Keel.Monitoring.Tests.Quality;

public class DataQualityTests
{
    private static readonly DataProfile Reference = DataProfile.Build(new Table([
        new NumericColumn("age", [.. Enumerable.Range(0, 100).Select(i => 20.0 + i % 50)]),
        CategoricalColumn.FromStrings("plan", [.. Enumerable.Range(0, 100).Select(i => i % 3 == 0 ? "basic" : "pro")]),
        new NumericColumn("income", [.. Enumerable.Range(0, 100).Select(i => i % 10 == 0 ? double.NaN : 1000.0 * i)]),
        CategoricalColumn.FromStrings("region", [.. Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? "north" : "south")]),
    ]));

    [Fact]
    public void Check_NamesEachProblemWithItsColumn()
    {
        var current = new Table([
            CategoricalColumn.FromStrings("age", ["30", "41", "n/a?", "95", "33", "unknown", "28", "29", "30", "31"]),
            CategoricalColumn.FromStrings("plan", ["basic", "pro", "enterprise", "pro", "basic", "pro", "pro", "basic", "pro", "pro"]),
            new NumericColumn("income", [1000, double.NaN, double.NaN, double.NaN, 5000, 6000, 7000, 8000, 9000, 1000]),
            new NumericColumn("tenure", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        ]);

        var result = DataQuality.Check(Reference, current);

        var byKind = result.Issues.ToLookup(i => i.Kind);
        Assert.Equal("region", Assert.Single(byKind[DataQualityKind.MissingColumn]).Column);
        Assert.Equal("tenure", Assert.Single(byKind[DataQualityKind.NewColumn]).Column);
        Assert.Equal("2 values of 'age' are not numbers (e.g. 'n/a?', 'unknown'); the reference column is Numeric. They are left out of the other checks.",
            Assert.Single(byKind[DataQualityKind.TypeErrors]).Message);
        Assert.Contains("'income' is missing in 30.0% of rows, against 10.0% in the reference.", Assert.Single(byKind[DataQualityKind.MissingRate]).Message);
        var range = Assert.Single(byKind[DataQualityKind.OutOfRange]);
        Assert.Equal("age", range.Column);
        Assert.Contains("'95'", range.Message);
        Assert.Contains("'enterprise'", Assert.Single(byKind[DataQualityKind.UnseenCategories]).Message);
        var age = result.Columns.Single(c => c.Column == "age");
        Assert.Equal((2L, 1L), (age.TypeErrors, age.OutOfRange));
    }

    [Fact]
    public void Check_RowsLikeTheReference_HaveNoIssues()
    {
        var current = new Table([
            new NumericColumn("age", [21, 35, 60]),
            CategoricalColumn.FromStrings("plan", ["basic", "pro", "pro"]),
            new NumericColumn("income", [2000, 3000, 4000]),
            CategoricalColumn.FromStrings("region", ["north", "north", "south"]),
        ]);

        var result = DataQuality.Check(Reference, current);

        Assert.False(result.HasIssues, string.Join(" | ", result.Issues.Select(i => i.Message)));
    }

    [Fact]
    public void Windows_CheckEachWindowOnItsOwn_AndThresholdsAreOptions()
    {
        var ages = Enumerable.Range(0, 30).Select(i => i < 20 ? 30.0 : 200.0).ToArray();
        var current = new Table([new NumericColumn("age", ages), CategoricalColumn.FromStrings("plan", [.. Enumerable.Repeat("pro", 30)]),
            new NumericColumn("income", [.. Enumerable.Repeat(5000.0, 30)]), CategoricalColumn.FromStrings("region", [.. Enumerable.Repeat("north", 30)])]);

        var windows = DataQuality.Windows(Reference, current, windowSize: 10);
        var refused = Assert.Throws<ArgumentException>(() => DataQuality.Check(Reference, current, new DataQualityOptions { MissingIncrease = 2, UnseenShare = -1 }));

        Assert.Equal([0, 10, 20], windows.Select(w => w.Start));
        Assert.Equal([false, false, true], windows.Select(w => w.HasIssues));
        Assert.Contains("MissingIncrease must be between 0 and 1", refused.Message);
        Assert.Contains("UnseenShare must be between 0 and 1", refused.Message);
    }
}

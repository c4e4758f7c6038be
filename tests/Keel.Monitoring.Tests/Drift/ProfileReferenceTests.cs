using Keel.Data;
using Keel.Data.Io;
using Keel.Data.Profiling;
using Keel.Monitoring.Drift;
using Xunit.Abstractions;

namespace Keel.Monitoring.Tests.Drift;

/// <summary>Profile mode (drift against a sketch of the bundle's profile) against exact mode on the shipped data sets.</summary>
public class ProfileReferenceTests(ITestOutputHelper output)
{
    private static Table Sample(string name) => CsvTableReader.Read(Path.Combine(AppContext.BaseDirectory, "samples", name));

    public static TheoryData<string, bool> Cases => new() { { "adult.data", false }, { "adult.data", true }, { "telco_churn.csv", false }, { "telco_churn.csv", true } };

    /// <summary>
    /// The first half of a data set is the reference, the second half (as is, or with every other numeric column
    /// scaled by 1.3 and the first categorical column's rows moved to one category) the current rows. Categorical
    /// columns get exactly exact mode's numbers (the profile counts every category). Numeric columns get the same
    /// verdict and a normed Wasserstein distance within 0.065 of exact mode's (measured: at most 0.061, on Adult's
    /// hours per week; the sketch overstates small distances, see docs/monitoring.md).
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void ProfileMode_AgreesWithExactMode_OnTheShippedData(string file, bool shifted)
    {
        var table = Sample(file);
        var half = table.RowCount / 2;
        var reference = table.Take(Enumerable.Range(0, half).ToArray());
        var current = table.Take(Enumerable.Range(half, table.RowCount - half).ToArray());
        if (shifted) current = Shift(current);
        var columns = reference.Columns.Where(c => c.Type is ColumnType.Numeric or ColumnType.Categorical && c.Name != "customerID").Select(c => c.Name).ToArray();
        var options = new DatasetDriftOptions { Columns = columns };

        var exact = DatasetDrift.Detect(reference, current, options);
        var profiled = DatasetDrift.Detect(ProfileReference.Build(DataProfile.Build(reference)), current, options);

        var compared = 0;
        foreach (var e in exact.Columns)
        {
            var p = profiled[e.Column];
            output.WriteLine($"{file} shifted={shifted} {e.Column,-16} {e.Test,-14} exact {e.Statistic:0.0000} {(e.Drifted ? "drift" : "-"),-5} profile {p.Statistic:0.0000} {(p.Drifted ? "drift" : "-")}");
            Assert.Equal(e.Test, p.Test);
            if (reference[e.Column] is CategoricalColumn)
            {
                Assert.Equal(e.Statistic, p.Statistic, 1e-9);
                continue;
            }
            compared++;
            Assert.Equal(e.Drifted, p.Drifted);
            Assert.Equal(e.Statistic, p.Statistic, 0.065);
        }
        Assert.True(compared >= 2, "some numeric columns should be compared");
    }

    private static Table Shift(Table table)
    {
        var columns = new List<Column>();
        var numeric = 0;
        var movedCategory = false;
        foreach (var column in table.Columns)
        {
            switch (column)
            {
                case NumericColumn n when numeric++ % 2 == 0:
                    columns.Add(new NumericColumn(n.Name, n.Values.ToArray().Select(v => v * 1.3).ToArray()));
                    break;
                case CategoricalColumn c when !movedCategory && c.Categories.Count > 2:
                    movedCategory = true;
                    var codes = c.Codes.ToArray();
                    for (var r = 0; r < codes.Length; r += 3) codes[r] = 0;
                    columns.Add(new CategoricalColumn(c.Name, codes, [.. c.Categories]));
                    break;
                default:
                    columns.Add(column);
                    break;
            }
        }
        return new Table(table.Schema, columns);
    }

    [Fact]
    public void Build_KeepsTheProportionsOfCategoriesAndTheValuesOfADiscreteColumn()
    {
        var table = new Table([
            CategoricalColumn.FromStrings("plan", [.. Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? "basic" : "pro")]),
            new NumericColumn("children", [.. Enumerable.Range(0, 300).Select(i => (double)(i % 4))]),
        ]);

        var sketch = ProfileReference.Build(DataProfile.Build(table), rows: 30);

        var plan = (CategoricalColumn)sketch["plan"];
        Assert.Equal(10, Enumerable.Range(0, plan.Length).Count(r => plan[r] == "basic"));
        Assert.Equal([0.0, 1, 2, 3], ((NumericColumn)sketch["children"]).Values.ToArray().Distinct().Order());
    }
}

/// <summary><see cref="DatasetDriftOptions.AlsoRun"/>: more tests on the same sorted sample give what running them alone gives.</summary>
public class AlsoRunTests
{
    [Fact]
    public void AlsoRun_EqualsEachTestRunOnItsOwn_AndLeavesTheVerdictAlone()
    {
        var random = new Random(4);
        Table Rows(double shift) => new([
            new NumericColumn("x", [.. Enumerable.Range(0, 3000).Select(_ => random.NextDouble() + shift)]),
            CategoricalColumn.FromStrings("c", [.. Enumerable.Range(0, 3000).Select(_ => random.Next(4).ToString(System.Globalization.CultureInfo.InvariantCulture))]),
        ]);
        var (reference, current) = (Rows(0), Rows(0.05));

        var plain = DatasetDrift.Detect(reference, current);
        var more = DatasetDrift.Detect(reference, current, new DatasetDriftOptions { AlsoRun = ["ks", "psi", "chisquare"] });
        var refused = Assert.Throws<KeelDataException>(() => DatasetDrift.Detect(reference, current, new DatasetDriftOptions { AlsoRun = ["cusum"] }));

        Assert.Equal(plain.Columns, more.Columns);
        Assert.Equal(["x ks", "x psi", "c psi", "c chisquare"], more.AlsoRun.Select(r => $"{r.Column} {r.Test}"));
        foreach (var r in more.AlsoRun)
            Assert.Equal(DriftTest.Find(r.Test)!.Run(reference[r.Column], current[r.Column]), r);
        Assert.Contains("AlsoRun names 'cusum'", refused.Message);
    }
}

using Keel.Data;
using Keel.Data.Io;
using Keel.Fairness.Mitigation;
using Keel.Learn;
using Xunit;

namespace Keel.Fairness.Tests.Mitigation;

public class ReweighingTests
{
    private static Table Small()
    {
        // Women: 1 positive, 3 negative; men: 4 positive, 2 negative.
        var sex = CategoricalColumn.FromStrings("sex", ["F", "F", "F", "F", "M", "M", "M", "M", "M", "M"]);
        var label = CategoricalColumn.FromStrings("y", ["yes", "no", "no", "no", "yes", "yes", "yes", "yes", "no", "no"]);
        var x = new NumericColumn("x", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        return new Table([x, sex, label]);
    }

    [Fact]
    public void Fit_HandComputedExample_WeightsArePgPyOverPgy()
    {
        var table = Small();
        var result = Reweighing.Fit(table, Target.Detect(table, "y"), "sex");
        // w(F, yes) = 0.4 · 0.5 / 0.1 = 2; w(F, no) = 0.4 · 0.5 / 0.3 = 2/3; w(M, yes) = 0.6 · 0.5 / 0.4 = 0.75; w(M, no) = 0.6 · 0.5 / 0.2 = 1.5.
        double[] expected = [2, 2.0 / 3, 2.0 / 3, 2.0 / 3, 0.75, 0.75, 0.75, 0.75, 1.5, 1.5];
        Assert.Equal(expected.Length, result.Weights.Count);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], result.Weights[i], 12);
        Assert.Equal(10, result.Weights.Sum(), 12);
        Assert.Equal(new[] { ("F", "no", 3), ("F", "yes", 1), ("M", "no", 2), ("M", "yes", 4) }, result.Factors.Select(f => (f.Group, f.Class, f.Rows)));
    }

    [Fact]
    public void Fit_WithSampleWeights_MultipliesThemIn()
    {
        var table = Small();
        var prior = Enumerable.Repeat(2.0, 10).ToArray();
        var result = Reweighing.Fit(table, Target.Detect(table, "y"), "sex", prior);
        Assert.Equal(4.0, result.Weights[0], 12);
        Assert.Equal(20, result.Weights.Sum(), 12);
    }

    /// <summary>
    /// AIF360's R test (Trusted-AI/AIF360, aif360/aif360-r/tests/testthat/test-reweighing.R, on the UCI Adult training
    /// file with favourable label &lt;=50K and women unprivileged): the mean difference is 0.196 (tolerance 0.000433) before
    /// reweighing and 0 after; AIF360's tests/test_reweighing.py: the total weight is unchanged.
    /// </summary>
    [Fact]
    public void Fit_Adult_MeanDifferenceGoesFromAif360s0196ToZero()
    {
        var table = CsvTableReader.Read(SamplePath("adult.data"), SchemaFile.Load(SamplePath("adult.schema.json")).ApplyTo(new CsvReadOptions()));
        var target = Target.Detect(table, "income");
        var result = Reweighing.Fit(table, target, "sex");
        var sex = table["sex"];
        var favourable = target.Encode(table).Select(y => y == 0 ? 1.0 : 0.0).ToArray(); // <=50K
        double MeanDifference(Func<int, double> weight)
        {
            double Rate(string g)
            {
                var rows = Enumerable.Range(0, table.RowCount).Where(i => sex.FormatValue(i) == g).ToArray();
                return rows.Sum(i => weight(i) * favourable[i]) / rows.Sum(weight);
            }
            return Rate("Female") - Rate("Male");
        }
        Assert.Equal(0.196, MeanDifference(_ => 1), 0.000433);
        Assert.Equal(0, MeanDifference(i => result.Weights[i]), 12);
        Assert.Equal(table.RowCount, result.Weights.Sum(), 6);
    }

    [Fact]
    public void Fit_UnknownSensitiveColumn_ListsTheColumns()
    {
        var table = Small();
        var e = Assert.Throws<KeelLearnException>(() => Reweighing.Fit(table, Target.Detect(table, "y"), "gender"));
        Assert.Contains("'gender'", e.Message);
        Assert.Contains("x, sex, y", e.Message);
    }

    [Fact]
    public void Fit_MissingGroup_IsRefusedWithTheCount()
    {
        var sex = CategoricalColumn.FromStrings("sex", ["F", null, "M", "M"]);
        var label = CategoricalColumn.FromStrings("y", ["yes", "no", "no", "yes"]);
        var table = new Table([sex, label]);
        var e = Assert.Throws<KeelLearnException>(() => Reweighing.Fit(table, Target.Detect(table, "y"), "sex"));
        Assert.Contains("missing in 1 labelled row", e.Message);
    }

    internal static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);
}

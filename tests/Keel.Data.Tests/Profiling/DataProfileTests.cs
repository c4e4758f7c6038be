using Keel.Data.Io;
using Keel.Data.Profiling;

namespace Keel.Data.Tests.Profiling;

public class DataProfileTests
{
    private static readonly Table Telco = CsvTableReader.Read(Samples.Path("telco_churn.csv"));

    [Fact]
    public void Build_Telco_CountsMissingAndMatchesPandasDescribe()
    {
        var profile = DataProfile.Build(Telco);

        var tenure = profile["tenure"].Numeric!;
        // pandas 1.5.3: df.tenure.describe() -> mean 32.371149, std 24.559481, min 0, max 72
        Assert.Equal(32.371149, tenure.Mean, 6);
        Assert.Equal(24.559481, tenure.Std, 6);
        Assert.Equal(0, tenure.Min);
        Assert.Equal(72, tenure.Max);
        Assert.Equal(11, profile["TotalCharges"].Missing);
        Assert.Equal(5_174, profile["Churn"].Categories!.Counts["No"]);
    }

    [Fact]
    public void Merge_ProfilesOfTwoShards_EqualsProfileOfTheUnion()
    {
        var reference = DataProfile.Build(Telco);
        var first = Telco.Take(Enumerable.Range(0, 3000).ToArray());
        var second = Telco.Take(Enumerable.Range(3000, Telco.RowCount - 3000).ToArray());

        var merged = DataProfile.Build(first, reference).Merge(DataProfile.Build(second, reference));
        var whole = DataProfile.Build(Telco, reference);

        Assert.Equal(whole.RowCount, merged.RowCount);
        foreach (var (m, w) in merged.Columns.Zip(whole.Columns))
        {
            Assert.Equal(w.Missing, m.Missing);
            if (w.Numeric is { } wn)
            {
                Assert.Equal(wn.BinCounts, m.Numeric!.BinCounts);
                Assert.Equal(wn.Below, m.Numeric.Below);
                Assert.Equal(wn.Mean, m.Numeric.Mean, 9);
                Assert.Equal(wn.Std, m.Numeric.Std, 9);
                Assert.Equal(wn.Quantiles, m.Numeric.Quantiles);
            }
            if (w.Categories is { } wc) Assert.Equal(wc.Counts.OrderBy(kv => kv.Key), m.Categories!.Counts.OrderBy(kv => kv.Key));
        }
    }

    [Fact]
    public void Build_AgainstAReference_UsesItsEdgesAndCountsValuesOutsideThem()
    {
        var reference = DataProfile.Build(new Table([new NumericColumn("x", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])]), bins: 5);
        var later = DataProfile.Build(new Table([new NumericColumn("x", [0, 5, 11, 12])]), reference);

        Assert.Equal(reference["x"].Numeric!.BinEdges, later["x"].Numeric!.BinEdges);
        Assert.Equal(1, later["x"].Numeric!.Below);
        Assert.Equal(2, later["x"].Numeric!.Above);
    }

    [Fact]
    public void Quantiles_OfAColumnWithFewValues_AreExact()
    {
        var profile = DataProfile.Build(new Table([new NumericColumn("x", [0, 0, 1, 1, 1, 1, 2, 2, 3, 3])]));

        var x = profile["x"].Numeric!;
        Assert.Equal(4, x.BinCounts.Length);
        Assert.Equal([2L, 4, 2, 2], x.BinCounts);
    }

    [Fact]
    public void Json_RoundTrips()
    {
        var profile = DataProfile.Build(Telco);

        var back = DataProfile.FromJson(profile.ToJson());

        Assert.Equal(profile.ToJson(), back.ToJson());
    }

    [Fact]
    public void FromJson_NewerFormat_IsRefused()
    {
        var json = DataProfile.Build(new Table([new NumericColumn("x", [1, 2])])).ToJson().Replace("\"formatVersion\": 1", "\"formatVersion\": 99");

        var e = Assert.Throws<KeelDataException>(() => DataProfile.FromJson(json));

        Assert.Contains("newer Keel", e.Message);
    }
}

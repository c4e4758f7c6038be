using Keel.Data;
using Keel.Monitoring.Drift;

namespace Keel.Monitoring.Tests.Drift;

/// <summary>The usage examples of the drift tests' XML documentation, run as written.</summary>
public class DocumentationExampleTests
{
    [Fact]
    public void PsiExample_IsEvidentlysTwoPointNineThree()
    {
        var psi = new PsiTest().Run(new NumericColumn("col", [3, 2, 2]), new NumericColumn("col", [1, 2, 3]));

        Assert.Equal(2.93415, psi.Statistic, 5);
        Assert.True(psi.Drifted);
    }

    [Fact]
    public void KolmogorovSmirnovExample_HasAnExactPValue()
    {
        var reference = new NumericColumn("x", [38.7, 41.5, 43.8, 44.5, 45.5, 46.0, 47.7, 58.0]);
        var current = new NumericColumn("x", [39.2, 39.3, 39.7, 41.4, 41.8, 42.9, 43.3, 45.8]);

        var ks = new KolmogorovSmirnovTest().Run(reference, current);

        Assert.Equal(0.625, ks.Statistic);
        Assert.Equal(0.08702, ks.PValue!.Value, 5);
        Assert.False(ks.Drifted);
    }

    [Fact]
    public void WassersteinExample_IsTheShiftOverTheStandardDeviation()
    {
        var w = new WassersteinTest().Run(new NumericColumn("x", [0, 1, 2, 3, 4]), new NumericColumn("x", [1, 2, 3, 4, 5]));

        Assert.Equal(1 / Math.Sqrt(2), w.Statistic, 12);
        Assert.True(w.Drifted);
    }

    [Fact]
    public void JensenShannonExample_IsADistance()
    {
        var js = new JensenShannonTest().Run(CategoricalColumn.FromStrings("plan", ["a", "a", "b", "b"]), CategoricalColumn.FromStrings("plan", ["a", "b", "b", "b"]));

        Assert.Equal(0.18391, js.Statistic, 5);
        Assert.True(js.Drifted);
    }

    [Fact]
    public void ChiSquareExample_IsEvidentlys()
    {
        var reference = CategoricalColumn.FromStrings("x", [.. Enumerable.Repeat("1", 16), .. Enumerable.Repeat("2", 18), .. Enumerable.Repeat("3", 16), .. Enumerable.Repeat("4", 14), .. Enumerable.Repeat("5", 12), .. Enumerable.Repeat("6", 12)]);
        var current = CategoricalColumn.FromStrings("x", [.. Enumerable.Repeat("1", 16), .. Enumerable.Repeat("2", 16), .. Enumerable.Repeat("3", 16), .. Enumerable.Repeat("4", 16), .. Enumerable.Repeat("5", 16), .. Enumerable.Repeat("6", 8)]);

        var chi = new ChiSquareTest().Run(reference, current);

        Assert.Equal(0.67309, chi.PValue!.Value, tolerance: 1e-5);
        Assert.False(chi.Drifted);
    }

    [Fact]
    public void ZExample_CountsFalseAsZero()
    {
        var z = new ZTest().Run(new BooleanColumn("churned", [0, 0, 0, 0, 0, 0, 1, 1, 1, 1]), new BooleanColumn("churned", [0, 0, 1, 1, 1, 1, 1, 1, 1, 1]));

        Assert.Equal(-1.8257, z.Statistic, 4);
        Assert.Equal(0.06789, z.PValue!.Value, 5);
        Assert.False(z.Drifted);
    }

    [Fact]
    public void HellingerExample_IsEvidentlys()
    {
        var reference = CategoricalColumn.FromStrings("x", [.. Enumerable.Repeat("1", 16), .. Enumerable.Repeat("2", 18), .. Enumerable.Repeat("3", 16), .. Enumerable.Repeat("4", 14), .. Enumerable.Repeat("5", 12), .. Enumerable.Repeat("6", 12)]);
        var current = CategoricalColumn.FromStrings("x", [.. Enumerable.Repeat("1", 16), .. Enumerable.Repeat("2", 16), .. Enumerable.Repeat("3", 16), .. Enumerable.Repeat("4", 16), .. Enumerable.Repeat("5", 16), .. Enumerable.Repeat("6", 8)]);

        var h = new HellingerTest().Run(reference, current);

        Assert.Equal(0.06812, h.Statistic, tolerance: 1e-5); // Evidently: approx(0.06812, abs=1e-5); Keel: 0.0681277
        Assert.False(h.Drifted);
    }

    [Fact]
    public void TotalVariationExample_IsEvidentlysPermutationPValue()
    {
        var reference = CategoricalColumn.FromStrings("x", [.. Enumerable.Repeat("1", 16), .. Enumerable.Repeat("2", 18), .. Enumerable.Repeat("3", 16), .. Enumerable.Repeat("4", 14), .. Enumerable.Repeat("5", 12), .. Enumerable.Repeat("6", 12)]);
        var current = CategoricalColumn.FromStrings("x", [.. Enumerable.Repeat("1", 10), .. Enumerable.Repeat("2", 10), .. Enumerable.Repeat("3", 24), .. Enumerable.Repeat("4", 24), .. Enumerable.Repeat("5", 10), .. Enumerable.Repeat("6", 10)]);

        var tvd = new TotalVariationTest().Run(reference, current);

        Assert.Equal(0.085, tvd.PValue);
        Assert.True(tvd.Drifted);
    }

    [Fact]
    public void AndersonDarlingExample_IsEvidentlys()
    {
        var reference = new NumericColumn("x", [38.7, 41.5, 43.8, 44.5, 45.5, 46.0, 47.7, 58.0]);
        var current = new NumericColumn("x", [39.2, 39.3, 39.7, 41.4, 41.8, 42.9, 43.3, 45.8]);

        var ad = new AndersonDarlingTest().Run(reference, current);

        Assert.Equal(1.71831, ad.Statistic, 5);
        Assert.Equal(0.06351, ad.PValue!.Value, 5);
        Assert.True(ad.Drifted);
    }

    [Fact]
    public void DatasetDriftExample_DriftsWhenHalfTheColumnsDo()
    {
        var reference = new Table([new NumericColumn("age", [31, 45, 27, 52, 38, 41, 29, 60]), CategoricalColumn.FromStrings("plan", ["a", "b", "a", "a", "b", "a", "b", "a"])]);
        var current = new Table([new NumericColumn("age", [55, 61, 58, 49, 63, 57, 66, 52]), CategoricalColumn.FromStrings("plan", ["a", "b", "b", "a", "b", "a", "b", "b"])]);

        var drift = DatasetDrift.Detect(reference, current);

        Assert.Equal(("ks", true), (drift["age"].Test, drift["age"].Drifted));
        Assert.Equal(("z", false), (drift["plan"].Test, drift["plan"].Drifted));
        Assert.Equal(0.5, drift.DriftedShare);
        Assert.True(drift.Drifted);
    }
}

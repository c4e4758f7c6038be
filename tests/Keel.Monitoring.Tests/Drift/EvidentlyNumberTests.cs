using Keel.Data;
using Keel.Monitoring.Drift;

namespace Keel.Monitoring.Tests.Drift;

/// <summary>
/// The numbers Evidently's own tests pin, at Evidently's tolerance or tighter: tests/stattests/test_stattests.py and
/// tests/multitest/metrics/data_drift.py of evidentlyai/evidently (legacy stat tests).
/// </summary>
public class EvidentlyNumberTests
{
    private static Column Numbers(params (double Value, int Count)[] runs) =>
        new NumericColumn("x", runs.SelectMany(r => Enumerable.Repeat(r.Value, r.Count)).ToArray());

    private static Column Categories(params (string Value, int Count)[] runs) =>
        CategoricalColumn.FromStrings("x", runs.SelectMany(r => Enumerable.Repeat<string?>(r.Value, r.Count)).ToArray());

    private static Column Dice(params int[] counts) => Categories(counts.Select((c, i) => ((i + 1).ToString(), c)).ToArray());

    /// <summary>data_drift.py, column_drift_metric_values: PSI of 3, 2, 2 against 1, 2, 3 is 2.93 (±0.01); Keel: 2.934147.</summary>
    [Fact]
    public void Psi_OfEvidentlysColumnDriftCase_Is2Point93()
    {
        var psi = new PsiTest().Run(new NumericColumn("col", [3, 2, 2]), new NumericColumn("col", [1, 2, 3]), 0.1);

        Assert.Equal(2.9341472484810085, psi.Statistic, 12);
        Assert.True(psi.Drifted);
    }

    /// <summary>test_freq_obs_eq_freq_exp and test_freq_obs_not_eq_freq_exp: χ² p = 0.67309, Hellinger 0.06812 (±1e-5), either reference size.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ChiSquareAndHellinger_OfEvidentlysDice(int referenceScale)
    {
        var reference = Dice(new[] { 16, 18, 16, 14, 12, 12 }.Select(c => c * referenceScale).ToArray());
        var current = Dice(16, 16, 16, 16, 16, 8);

        var chi = new ChiSquareTest().Run(reference, current, 0.5);
        var hellinger = new HellingerTest().Run(reference, current, 0.1);

        Assert.Equal(0.67309, chi.PValue!.Value, tolerance: 1e-5);
        Assert.False(chi.Drifted);
        Assert.Equal(0.06812, hellinger.Statistic, tolerance: 1e-5); // Evidently: approx(0.06812, abs=1e-5)
        Assert.False(hellinger.Drifted);
    }

    /// <summary>test_cat_feature_with_nans and test_chi_stat_test_cat_feature: identical shares give p = 1 and distance 0, missing values aside.</summary>
    [Fact]
    public void IdenticalCategories_GivePValueOneAndDistanceZero()
    {
        var withMissing = CategoricalColumn.FromStrings("x", [.. Enumerable.Repeat("a", 10), .. Enumerable.Repeat("b", 10), .. Enumerable.Repeat<string?>(null, 10)]);
        var abc = Categories(("a", 10), ("b", 10), ("c", 10));

        Assert.Equal(1.0, new ChiSquareTest().Run(withMissing, withMissing, 0.5).PValue!.Value, 12);
        Assert.Equal(0.0, new HellingerTest().Run(withMissing, withMissing).Statistic, 7);
        Assert.Equal(1.0, new ChiSquareTest().Run(abc, abc, 0.5).PValue!.Value, 12);
    }

    /// <summary>test_z_stat_test_cat_feature: a, b ten times each on both sides gives p = 1.</summary>
    [Fact]
    public void ZTest_OfIdenticalBinaryColumns_IsOne()
    {
        var ab = CategoricalColumn.FromStrings("x", Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? "a" : "b").ToArray());

        Assert.Equal(1.0, new ZTest().Run(ab, ab, 0.5).PValue!.Value, 12);
    }

    /// <summary>test_hellinger_distance and test_num_features: identical samples are at distance 0, as numbers and as categories.</summary>
    [Fact]
    public void Hellinger_OfIdenticalSamples_IsZero()
    {
        var ones = Numbers((1, 50));
        var measured = new NumericColumn("x", [38.7, 41.5, 43.8, 44.5, 45.5, 46.0, 47.7, 58.0, double.NaN]);

        Assert.Equal(0.0, new HellingerTest().Run(ones, ones).Statistic, 3);
        Assert.Equal(0.0, new HellingerTest().Run(Categories(("1", 50)), Categories(("1", 50))).Statistic, 3);
        Assert.Equal(0.0, new HellingerTest().Run(measured, measured).Statistic, 5);
    }

    /// <summary>test_anderson_darling: p = 0.0635 (±1e-3), not drifted at threshold 0.001.</summary>
    [Fact]
    public void AndersonDarling_OfEvidentlysSample()
    {
        var reference = new NumericColumn("x", [38.7, 41.5, 43.8, 44.5, 45.5, 46.0, 47.7, 58.0]);
        var current = new NumericColumn("x", [39.2, 39.3, 39.7, 41.4, 41.8, 42.9, 43.3, 45.8]);

        var ad = new AndersonDarlingTest().Run(reference, current, 0.001);

        Assert.Equal(0.0635, ad.PValue!.Value, tolerance: 1e-3); // Evidently: approx(0.0635, abs=1e-3)
        Assert.False(ad.Drifted);
    }

    /// <summary>test_tvd_stattest: Evidently's permutation p-values, exactly (1,000 shuffles, NumPy seed 0).</summary>
    [Theory]
    [InlineData(new[] { 16, 16, 16, 16, 16, 8 }, 0.1, 0.928, false)]
    [InlineData(new[] { 10, 10, 24, 24, 10, 10 }, 0.1, 0.085, true)]
    [InlineData(new[] { 0, 0, 0, 0, 0, 88 }, 0.1, 0.0, true)]
    [InlineData(new[] { 16, 18, 16, 14, 12, 12 }, 0.1, 1.0, false)]
    [InlineData(new[] { 10, 24, 12, 16, 8, 16 }, 0.5, 0.309, true)]
    public void TotalVariation_OfEvidentlysDice(int[] current, double threshold, double pValue, bool drifted)
    {
        var tvd = new TotalVariationTest().Run(Dice(16, 18, 16, 14, 12, 12), Dice(current), threshold);

        Assert.Equal(pValue, tvd.PValue);
        Assert.Equal(drifted, tvd.Drifted);
    }
}

using Keel.Data;
using Keel.Monitoring.Drift;

namespace Keel.Monitoring.Tests.Drift;

/// <summary>Evidently's choice of test (registry.py, _get_default_stattest), on the non-missing values.</summary>
public class DefaultDriftTestTests
{
    private static NumericColumn Numbers(int rows, int distinct, int offset = 0) =>
        new("x", Enumerable.Range(0, rows).Select(i => (double)(i % distinct + offset)).ToArray());

    private static CategoricalColumn Labels(int rows, int distinct) =>
        CategoricalColumn.FromStrings("x", Enumerable.Range(0, rows).Select(i => "v" + i % distinct).ToArray());

    private static string Chosen(Column reference, Column current) =>
        DatasetDrift.Detect(new Table([reference]), new Table([current])).Columns[0].Test;

    [Theory]
    [InlineData(1000, 6, "ks")]
    [InlineData(1000, 5, "chisquare")]
    [InlineData(1000, 3, "chisquare")]
    [InlineData(1000, 2, "z")]
    [InlineData(1001, 6, "wasserstein")]
    [InlineData(1001, 5, "jensenshannon")]
    [InlineData(1001, 2, "jensenshannon")]
    public void NumericColumn_GetsEvidentlysTest(int referenceRows, int distinct, string test) =>
        Assert.Equal(test, Chosen(Numbers(referenceRows, distinct), Numbers(300, distinct)));

    [Theory]
    [InlineData(1000, 3, "chisquare")]
    [InlineData(1000, 2, "z")]
    [InlineData(1000, 1, "z")]
    [InlineData(1001, 30, "jensenshannon")]
    [InlineData(1001, 2, "jensenshannon")]
    public void CategoricalColumn_GetsEvidentlysTest(int referenceRows, int distinct, string test) =>
        Assert.Equal(test, Chosen(Labels(referenceRows, distinct), Labels(300, distinct)));

    [Fact]
    public void BooleanColumn_IsCategorical_AndSmallOnesGetTheZTest()
    {
        var flags = new BooleanColumn("x", [0, 1, 1, 0, 1]);

        Assert.Equal("z", Chosen(flags, flags));
    }

    [Fact]
    public void DistinctValues_AreCountedOverBothSamples()
    {
        // Three values in each sample, six in the two together: continuous.
        Assert.Equal("ks", Chosen(Numbers(100, 3), Numbers(100, 3, offset: 3)));
    }

    [Fact]
    public void ReferenceSize_CountsOnlyNonMissingValues()
    {
        var values = Enumerable.Range(0, 1001).Select(i => i == 0 ? double.NaN : i % 50).ToArray();

        Assert.Equal("ks", Chosen(new NumericColumn("x", values), Numbers(300, 50)));
    }
}

namespace Keel.Data.Tests;

public class DataFingerprintTests
{
    private static Table Make(double x0, string c0) => new([new NumericColumn("x", [x0, 2, double.NaN]), CategoricalColumn.FromStrings("c", [c0, "b", null])]);

    [Fact]
    public void Compute_SameContent_SameFingerprint_WhateverTheColumnOrder()
    {
        var a = Make(1, "a");
        var b = a.Select(["c", "x"]);

        Assert.Equal(DataFingerprint.Compute(a), DataFingerprint.Compute(b));
        Assert.Equal(64, DataFingerprint.Compute(a).Length);
    }

    [Fact]
    public void Compute_OneValueChanged_ChangesTheFingerprint()
    {
        Assert.NotEqual(DataFingerprint.Compute(Make(1, "a")), DataFingerprint.Compute(Make(1.0000001, "a")));
        Assert.NotEqual(DataFingerprint.Compute(Make(1, "a")), DataFingerprint.Compute(Make(1, "A")));
    }
}

using Keel.Data;
using Keel.Monitoring.Multivariate;

namespace Keel.Monitoring.Tests.Multivariate;

public class ReconstructionColumnTests
{
    [Fact]
    public void Fit_MissingNumbers_TakeTheMeanOfThePresentOnes()
    {
        var column = ReconstructionColumn.Fit(new NumericColumn("x", [1, double.NaN, 5]));

        Assert.Equal(3, column.Fill);
        Assert.Equal(3, column.Mean);
        Assert.Equal(Math.Sqrt(8.0 / 3), column.Scale, 12);
        Assert.Equal([-Math.Sqrt(1.5), 0, Math.Sqrt(1.5)], column.Standardize(new NumericColumn("x", [1, double.NaN, 5])), new ToleranceComparer(1e-12));
    }

    /// <summary>scikit-learn's SimpleImputer("most_frequent") breaks a tie by the smallest value; the filled rows then count for it.</summary>
    [Fact]
    public void Fit_ATieForMostFrequent_GoesToTheSmallestCategory_AndMissingRowsCountForIt()
    {
        var column = ReconstructionColumn.Fit(CategoricalColumn.FromStrings("plan", ["pro", "basic", "pro", "basic", null]));

        Assert.Equal("basic", column.Mode);
        Assert.Equal(0.6, column.Shares!["basic"], 12);
        Assert.Equal(0.4, column.Shares!["pro"], 12);
    }

    [Fact]
    public void Standardize_ACategoryTheReferenceNeverSaw_CountsAsShareZero()
    {
        var column = ReconstructionColumn.Fit(CategoricalColumn.FromStrings("plan", ["pro", "basic", "pro", "pro"]));

        var x = column.Standardize(CategoricalColumn.FromStrings("plan", ["premium"]));

        Assert.Equal((0 - column.Mean) / column.Scale, x[0], 12);
        Assert.Equal(0.625, column.Mean, 12);   // 3 × 0.75 + 0.25, over 4
    }

    [Fact]
    public void Fit_Booleans_AreCountedAsCategories_WithMissingOnesFilledByTheMode()
    {
        var column = ReconstructionColumn.Fit(new BooleanColumn("vip", [1, 1, 0, BooleanColumn.Missing]));

        Assert.Equal("true", column.Mode);
        Assert.Equal(0.75, column.Shares!["true"], 12);
        Assert.Equal(0.25, column.Shares!["false"], 12);
    }

    [Fact]
    public void Fit_AConstantColumn_KeepsScaleOne_AsStandardScalerDoes()
    {
        var column = ReconstructionColumn.Fit(new NumericColumn("x", [0.1, 0.1, 0.1]));

        Assert.Equal(1, column.Scale);
    }

    [Fact]
    public void Fit_AColumnWithNoValues_IsRefusedNamingIt()
    {
        var error = Assert.Throws<KeelDataException>(() => ReconstructionColumn.Fit(CategoricalColumn.FromStrings("plan", [null, null])));

        Assert.StartsWith("Column 'plan' has no values in the reference", error.Message);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;

        public int GetHashCode(double value) => 0;
    }
}

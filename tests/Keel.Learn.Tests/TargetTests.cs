using Keel.Data;

namespace Keel.Learn.Tests;

public class TargetTests
{
    [Fact]
    public void Detect_YesNo_IsBinaryWithYesPositive()
    {
        var target = Target.Detect(TestData.Telco, "Churn");

        Assert.Equal(TaskKind.Binary, target.Task);
        Assert.Equal(["No", "Yes"], target.Classes);
        Assert.Equal("Yes", target.PositiveClass);
    }

    [Fact]
    public void Detect_ThreeCategories_IsMulticlass_AndFractionalNumbers_AreRegression()
    {
        Assert.Equal(TaskKind.Multiclass, Target.Detect(TestData.Telco, "Contract").Task);
        Assert.Equal(TaskKind.Regression, Target.Detect(TestData.Telco, "MonthlyCharges").Task);
    }

    [Fact]
    public void Detect_UnknownLabel_ListsTheColumns()
    {
        var e = Assert.Throws<KeelLearnException>(() => Target.Detect(TestData.Telco, "churn"));

        Assert.Contains("'churn' does not exist", e.Message);
        Assert.Contains("Churn", e.Message);
        Assert.Contains("customerID", e.Message);
    }

    [Fact]
    public void Detect_OneClass_IsRefused()
    {
        var table = new Table([CategoricalColumn.FromStrings("y", ["a", "a", null])]);

        var e = Assert.Throws<KeelLearnException>(() => Target.Detect(table, "y"));

        Assert.Contains("only one class", e.Message);
    }

    [Fact]
    public void Detect_AllMissing_IsRefused()
    {
        var table = new Table([new NumericColumn("y", [double.NaN, double.NaN])]);

        var e = Assert.Throws<KeelLearnException>(() => Target.Detect(table, "y"));

        Assert.Contains("every row is missing", e.Message);
    }

    [Fact]
    public void Detect_PositiveClassGiven_PutsItSecond()
    {
        var target = Target.Detect(TestData.Telco, "Churn", positiveClass: "No");

        Assert.Equal(["Yes", "No"], target.Classes);
    }
}

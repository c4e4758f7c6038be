using Keel.Data;
using Keel.Learn.Featurization;

namespace Keel.Learn.Tests.Featurization;

public class FeaturePlanTests
{
    private static readonly Table Train = new([
        new NumericColumn("age", [20, 30, double.NaN, 50, 40]),
        CategoricalColumn.FromStrings("city", ["a", "a", "b", "b", "c"]),
        new BooleanColumn("member", [1, 0, 1, BooleanColumn.Missing, 0]),
    ]);

    [Fact]
    public void Fit_LearnsMedianFillIndicatorsAndKeptCategories()
    {
        var plan = FeaturePlan.Fit(Train, new FeaturizationOptions { MinCategoryCount = 2 });

        Assert.Equal(["age", "age=missing", "city=a", "city=b", "city=(other)", "member", "member=missing"], plan.FeatureNames);
        var x = plan.Transform(Train);
        Assert.Equal([35f, 1f, 0f, 1f, 0f, 1f, 0f], x.Row(2).ToArray());
        Assert.Equal([40f, 0f, 0f, 0f, 1f, 0f, 0f], x.Row(4).ToArray());
    }

    [Fact]
    public void Transform_UnseenCategoryGoesToOther_MissingSetsNoIndicator()
    {
        var plan = FeaturePlan.Fit(Train, new FeaturizationOptions { MinCategoryCount = 2 });
        var rows = new Table([
            new NumericColumn("age", [1, 2]),
            CategoricalColumn.FromStrings("city", ["zz", null]),
            new BooleanColumn("member", [1, 1]),
        ]);

        var x = plan.Transform(rows);

        Assert.Equal([0f, 0f, 1f], x.Row(0).Slice(2, 3).ToArray());
        Assert.Equal([0f, 0f, 0f], x.Row(1).Slice(2, 3).ToArray());
    }

    [Fact]
    public void Transform_MissingAndMistypedColumns_AreAllNamedAtOnce()
    {
        var plan = FeaturePlan.Fit(Train);
        var rows = new Table([CategoricalColumn.FromStrings("age", ["x"]), CategoricalColumn.FromStrings("city", ["a"])]);

        var e = Assert.Throws<KeelLearnException>(() => plan.Transform(rows));

        Assert.Contains("column 'age' should be numeric but is categorical", e.Message);
        Assert.Contains("column 'member' is missing", e.Message);
    }

    [Fact]
    public void Fit_Standardize_GivesZeroMeanUnitDeviation()
    {
        var plan = FeaturePlan.Fit(Train.Select(["age"]), new FeaturizationOptions { Standardize = true });

        var x = plan.Transform(Train.Select(["age"]));
        var values = Enumerable.Range(0, 5).Select(i => (double)x.Row(i)[0]).ToArray();

        Assert.Equal(0, values.Average(), 6);
        Assert.Equal(1, Math.Sqrt(values.Select(v => v * v).Average()), 5);
    }
}

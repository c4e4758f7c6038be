using Keel.Data;
using Keel.Learn.Featurization;

namespace Keel.Learn.Tests.Featurization;

public class FeatureWriterTests
{
    [Fact]
    public void Write_ValueByValue_GivesWhatTransformGives()
    {
        var table = TestData.TelcoHead(400);
        var plan = FeaturePlan.Fit(table.WithRole("Churn", ColumnRole.Label));
        var writer = new FeatureWriter(plan);
        var expected = plan.Transform(table);

        var row = new float[writer.Width];
        for (var i = 0; i < table.RowCount; i++)
        {
            Array.Clear(row);
            for (var e = 0; e < plan.Encodings.Count; e++)
            {
                var column = table[plan.Encodings[e].Column];
                if (writer.IsNumeric(e)) writer.WriteNumber(e, column is NumericColumn n ? n.Values[i] : double.Parse(column.FormatValue(i)!), row);
                else writer.WriteCategory(e, column.FormatValue(i), row);
            }
            Assert.Equal(expected.Row(i).ToArray(), row);
        }
    }

    [Fact]
    public void Write_UnseenCategoryAndMissingNumber_AreOtherAndTheFill()
    {
        var table = new Table([
            CategoricalColumn.FromStrings("plan", ["a", "a", "b", "a", "b", "c"]),
            new NumericColumn("usage", [1, 2, double.NaN, 4, 5, 6]),
        ]);
        var plan = FeaturePlan.Fit(table, new FeaturizationOptions { MinCategoryCount = 2, Standardize = false });
        var writer = new FeatureWriter(plan);
        var row = new float[writer.Width];

        writer.WriteCategory(0, "never-seen", row);
        writer.WriteNumber(1, double.NaN, row);

        Assert.Equal(["plan=a", "plan=b", "plan=(other)", "usage", "usage=missing"], plan.FeatureNames);
        Assert.Equal([0f, 0f, 1f, 4f, 1f], row);
    }
}

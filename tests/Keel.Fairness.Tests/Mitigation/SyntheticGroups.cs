using Keel.Data;

namespace Keel.Fairness.Tests.Mitigation;

/// <summary>
/// A seeded binary problem with a sensitive column: group B's feature x1 is shifted up, so a model that never sees the
/// group still selects B far more often (a demographic parity difference near 0.3).
/// </summary>
internal static class SyntheticGroups
{
    public static Table Make(int rows, int seed)
    {
        var random = new Random(seed);
        var x1 = new double[rows];
        var x2 = new double[rows];
        var group = new string?[rows];
        var label = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            var b = random.NextDouble() < 0.6;
            group[i] = b ? "B" : "A";
            x1[i] = Normal(random) + (b ? 0.8 : 0);
            x2[i] = Normal(random);
            label[i] = x1[i] + 0.5 * x2[i] + 0.7 * Normal(random) > 0.6 ? "yes" : "no";
        }
        var schema = new Schema([
            new ColumnSchema("x1", ColumnType.Numeric, ColumnRole.Feature),
            new ColumnSchema("x2", ColumnType.Numeric, ColumnRole.Feature),
            new ColumnSchema("group", ColumnType.Categorical, ColumnRole.Sensitive),
            new ColumnSchema("y", ColumnType.Categorical, ColumnRole.Label),
        ]);
        return new Table(schema, [new NumericColumn("x1", x1), new NumericColumn("x2", x2), CategoricalColumn.FromStrings("group", group), CategoricalColumn.FromStrings("y", label)]);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

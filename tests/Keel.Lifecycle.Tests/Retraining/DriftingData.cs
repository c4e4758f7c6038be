using Keel.Data;

namespace Keel.Lifecycle.Tests.Retraining;

/// <summary>
/// A small binary task whose concept changes: before, <c>y</c> is "yes" when x1 + x2/2 (plus noise) is above 0; after,
/// x1 has shifted by 1.5 and "yes" means x1 is low. A model of the first period is poor on the second.
/// </summary>
internal static class DriftingData
{
    public static Table Period(int rows, int seed, bool drifted)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var x1 = new double[rows];
        var x2 = new double[rows];
        var c = new string[rows];
        var y = new string[rows];
        for (var i = 0; i < rows; i++)
        {
            x1[i] = Normal() + (drifted ? 1.5 : 0);
            x2[i] = Normal();
            c[i] = "abc"[random.Next(3)].ToString();
            var score = drifted ? 1.5 - x1[i] + 0.5 * x2[i] : x1[i] + 0.5 * x2[i];
            y[i] = score + 0.3 * Normal() > 0 ? "yes" : "no";
        }
        return new Table([new NumericColumn("x1", x1), new NumericColumn("x2", x2), CategoricalColumn.FromStrings("c", c), CategoricalColumn.FromStrings("y", y)]);
    }
}

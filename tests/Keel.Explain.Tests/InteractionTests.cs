using Keel.Data;
using Keel.Learn;
using Keel.Learn.Models;
using Keel.Learn.Trainers;

namespace Keel.Explain.Tests;

/// <summary>SHAP interaction values against the Shapley interaction index computed by enumeration.</summary>
public class InteractionTests
{
    [Theory]
    [InlineData(TreeShapAlgorithm.Recursive)]
    [InlineData(TreeShapAlgorithm.Quadrature)]
    public void Interactions_EqualTheShapleyInteractionIndex_AndEachRowSumsToTheShapValue(TreeShapAlgorithm algorithm)
    {
        var random = new Random(21);
        var rows = 400;
        var columns = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.1 ? double.NaN : random.NextDouble()).ToArray()).ToArray();
        var label = Enumerable.Range(0, rows).Select(i => (columns[0][i] > 0.5 && columns[1][i] > 0.4 ? 3 : 0) + columns[2][i] + random.NextDouble() * 0.1).ToArray();
        var table = new Table([.. columns.Select((v, j) => (Column)new NumericColumn($"x{j}", v)), new NumericColumn("y", label)]);
        var model = new LightGbmTrainer { Iterations = 10, LearningRate = 0.3 }.Fit(table, Target.Detect(table, "y", TaskKind.Regression));
        var ensemble = (TreeEnsemble)model.Predictor;
        var x = model.Features.Transform(table.Take(Enumerable.Range(0, 6).ToArray()));
        var f = x.Columns;
        Assert.True(f <= 10);
        var shap = new TreeShap(ensemble, algorithm);

        var interactions = shap.Interactions(x, threads: 2);
        var values = shap.Explain(x);

        var factorial = new double[f + 1];
        factorial[0] = 1;
        for (var i = 1; i <= f; i++) factorial[i] = factorial[i - 1] * i;
        for (var r = 0; r < x.Rows; r++)
        {
            var row = x.Row(r).ToArray();
            double V(int subset) => ensemble.Trees.Sum(t => TreeShapTests.Expected(t, 0, subset, row));
            for (var i = 0; i < f; i++)
            {
                Assert.Equal(values[r, i], Enumerable.Range(0, f).Sum(j => interactions[(r * f + i) * f + j]), 9);
                for (var j = i + 1; j < f; j++)
                {
                    double expected = 0;
                    for (var s = 0; s < 1 << f; s++)
                    {
                        if ((s & (1 << i)) != 0 || (s & (1 << j)) != 0) continue;
                        var size = System.Numerics.BitOperations.PopCount((uint)s);
                        var weight = factorial[size] * factorial[f - size - 2] / (2 * factorial[f - 1]);
                        expected += weight * (V(s | (1 << i) | (1 << j)) - V(s | (1 << i)) - V(s | (1 << j)) + V(s));
                    }
                    Assert.Equal(expected, interactions[(r * f + i) * f + j], 9);
                    Assert.Equal(interactions[(r * f + i) * f + j], interactions[(r * f + j) * f + i], 9);
                }
            }
        }
    }
}

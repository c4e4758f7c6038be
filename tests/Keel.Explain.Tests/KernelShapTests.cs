using Keel.Data;
using Keel.Learn;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Trainers;

namespace Keel.Explain.Tests;

/// <summary>Kernel SHAP over features (one group each), checked against exact interventional TreeSHAP on the same background.</summary>
public class KernelShapTests
{
    private static (TreeEnsemble Ensemble, FeatureMatrix All) Model(int features, int seed)
    {
        var random = new Random(seed);
        var rows = 500;
        var columns = Enumerable.Range(0, features).Select(_ => Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray()).ToArray();
        var label = Enumerable.Range(0, rows).Select(i => columns.Select((c, j) => c[i] * (j % 3 == 0 ? 2 : j % 3 == 1 ? -1 : 0.5)).Sum() + (columns[0][i] > 0.5 && columns[1][i] > 0.5 ? 1 : 0)).ToArray();
        var table = new Table([.. columns.Select((v, j) => (Column)new NumericColumn($"x{j}", v)), new NumericColumn("y", label)]);
        var model = new LightGbmTrainer { Iterations = 20, LearningRate = 0.3 }.Fit(table, Target.Detect(table, "y", TaskKind.Regression));
        return ((TreeEnsemble)model.Predictor, model.Features.Transform(table));
    }

    private static (KernelShap Kernel, InterventionalTreeShap Exact, FeatureMatrix X) Setup(int features, KernelShapOptions options)
    {
        var (ensemble, all) = Model(features, seed: features);
        var background = all.Take(Enumerable.Range(200, 20).ToArray());
        var names = Enumerable.Range(0, features).Select(j => $"x{j}").ToArray();
        return (new KernelShap(ensemble, background, names, Enumerable.Range(0, features).ToArray(), options),
            new InterventionalTreeShap(ensemble, background), all.Take(Enumerable.Range(0, 5).ToArray()));
    }

    [Fact]
    public void FewGroups_AreExact_AndEqualInterventionalTreeShap()
    {
        var (kernel, exact, x) = Setup(6, new KernelShapOptions());

        var k = kernel.Explain(x);
        var e = exact.Explain(x);

        Assert.Equal(e.BaseValue[0], k.BaseValue[0], 9);
        for (var r = 0; r < x.Rows; r++)
            for (var f = 0; f < 6; f++) Assert.Equal(e[r, f], k[r, f], 9);
    }

    [Fact]
    public void ManyGroups_AreEstimatedCloseToExact_AddUpExactly_AndRepeatUnderTheSeed()
    {
        var (kernel, exact, x) = Setup(14, new KernelShapOptions { Seed = 3 });
        var (again, _, _) = Setup(14, new KernelShapOptions { Seed = 3 });

        var k = kernel.Explain(x);
        var e = exact.Explain(x);

        Assert.Equal(k.Values, again.Explain(x).Values);
        for (var r = 0; r < x.Rows; r++)
        {
            Assert.Equal(e.Total(r), k.Total(r), 9); // efficiency: base + Σ φ = f(x)
            var scale = e.Row(r).Max(Math.Abs);
            for (var f = 0; f < 14; f++) Assert.True(Math.Abs(e[r, f] - k[r, f]) <= 0.02 * scale, $"row {r} feature {f}: exact {e[r, f]}, kernel {k[r, f]}");
        }
    }

    [Fact]
    public void PermutationShap_AddsUpExactly_RepeatsUnderItsSeed_AndApproachesTheExactValues()
    {
        var (ensemble, all) = Model(6, seed: 6);
        var background = all.Take(Enumerable.Range(200, 20).ToArray());
        var x = all.Take(Enumerable.Range(0, 4).ToArray());
        var groups = Enumerable.Range(0, 6).Select(j => $"x{j}").ToArray();
        var exact = new InterventionalTreeShap(ensemble, background).Explain(x);

        var few = new PermutationShap(ensemble, background, groups, Enumerable.Range(0, 6).ToArray(), permutations: 2, seed: 1).Explain(x);
        var again = new PermutationShap(ensemble, background, groups, Enumerable.Range(0, 6).ToArray(), permutations: 2, seed: 1).Explain(x);
        var many = new PermutationShap(ensemble, background, groups, Enumerable.Range(0, 6).ToArray(), permutations: 300, seed: 1).Explain(x);

        Assert.Equal(few.Values, again.Values);
        for (var r = 0; r < x.Rows; r++)
        {
            Assert.Equal(exact.Total(r), few.Total(r), 9);
            var scale = exact.Row(r).Max(Math.Abs);
            for (var f = 0; f < 6; f++) Assert.True(Math.Abs(exact[r, f] - many[r, f]) <= 0.05 * scale, $"row {r} feature {f}: exact {exact[r, f]}, permutation {many[r, f]}");
        }
    }
}

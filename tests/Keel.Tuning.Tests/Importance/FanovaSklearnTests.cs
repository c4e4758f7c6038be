using System.Text.Json;
using Keel.Store;
using Keel.Tuning.Distributions;
using Keel.Tuning.Importance;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Tests.Importance;

/// <summary>
/// One tree on all trials, against scikit-learn's <c>DecisionTreeRegressor</c> and a brute-force functional ANOVA of
/// it over the grid of its thresholds (Fixtures/fanova_sklearn.json, from tests/fixtures/make_fanova_fixture.py).
/// scikit-learn splits on float32 copies of the inputs, so thresholds agree to about 1e-6.
/// </summary>
public sealed class FanovaSklearnTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fanova_sklearn.json"))).RootElement;

    private static readonly FloatDistribution X = new(-5, 5);
    private static readonly FloatDistribution Lr = new(0.001, 1, log: true);
    private static readonly IntDistribution N = new(1, 50);

    private static List<FrozenTrial> Trials() => Fixture.GetProperty("trials").EnumerateArray().Select((t, i) => new FrozenTrial(i, TrialState.Complete, t.GetProperty("value").GetDouble(),
        new Dictionary<string, ParameterValue>
        {
            ["x"] = new(X, t.GetProperty("x").GetDouble()),
            ["lr"] = new(Lr, t.GetProperty("lr").GetDouble()),
            ["n"] = new(N, t.GetProperty("n").GetInt32()),
        }, new Dictionary<int, double>())).ToList();

    private static readonly string[] Names = ["x", "lr", "n"];

    private static double[] MainVariances(string tree) => Names.Select(n => Fixture.GetProperty(tree).GetProperty("main_variance").GetProperty(n).GetDouble()).ToArray();

    [Fact]
    public void Decompose_ScikitLearnsFullTree_EqualsTheBruteForceAnovaOverItsGrid()
    {
        var nodes = Fixture.GetProperty("full").GetProperty("nodes").EnumerateArray().Select(n => n.EnumerateArray().ToArray())
            .Select(n => (Math.Max(-1, n[0].GetInt32()), n[1].GetDouble(), n[2].GetInt32(), n[3].GetInt32(), n[4].GetDouble())).ToArray();
        var tree = RegressionTree.FromNodes(nodes);

        var (total, main) = FunctionalAnova.Decompose(tree, [AnovaDimension.For(X), AnovaDimension.For(Lr), AnovaDimension.For(N)]);

        Assert.Equal(Fixture.GetProperty("full").GetProperty("total_variance").GetDouble(), total, 1e-9);
        Assert.All(MainVariances("full").Zip(main), p => Assert.Equal(p.First, p.Second, 1e-9));
    }

    [Fact]
    public void OneTreeOfDepthTwoOnAllTrials_SplitsWhereScikitLearnsTreeSplits_AndGetsItsShares()
    {
        var trials = Trials();
        var dimensions = new[] { AnovaDimension.For(X), AnovaDimension.For(Lr), AnovaDimension.For(N) };
        var x = trials.Select(t => Names.Select(n => AnovaDimension.Encode(t.Params[n].Distribution, t.Params[n].Internal)).ToArray()).ToArray();
        var y = trials.Select(t => t.Value!.Value).ToArray();

        var tree = RegressionTree.Fit(x, y, dimensions, Enumerable.Range(0, y.Length).ToArray(), 2, new Random(0));
        var result = FanovaImportance.Evaluate(trials, new FanovaOptions { Trees = 1, Bootstrap = false, MaxDepth = 2 });

        for (var d = 0; d < 3; d++)
        {
            var expected = Fixture.GetProperty("depth2").GetProperty("thresholds").GetProperty(Names[d]).EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var actual = Enumerable.Range(0, tree.NodeCount).Where(n => tree.Feature[n] == d).Select(n => tree.Threshold[n]).Order().ToArray();
            Assert.Equal(expected.Length, actual.Length);
            Assert.All(expected.Zip(actual), p => Assert.Equal(p.First, p.Second, 1e-6)); // scikit-learn's float32 copies
            Assert.Equal(Fixture.GetProperty("depth2").GetProperty("importance").GetProperty(Names[d]).GetDouble(), result[Names[d]]!.Value, 1e-6);
        }
    }
}

using Keel.Data;
using Keel.Data.Io;
using Keel.Learn;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Native;
using Keel.Learn.Trainers;

namespace Keel.Explain.Tests;

public class TreeShapTests
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    /// <summary>
    /// SHAP's AND example (the tree explainer's documentation and tests): y = 80 when both binary features are 1,
    /// a depth-2 tree trained on the four rows {00, 01, 10, 11}.
    /// </summary>
    [Theory]
    [InlineData(TreeShapAlgorithm.Recursive)]
    [InlineData(TreeShapAlgorithm.Precomputed)]
    [InlineData(TreeShapAlgorithm.Quadrature)]
    public void AndTree_GivesShapsDocumentedValues(TreeShapAlgorithm algorithm)
    {
        var tree = new DecisionTree
        {
            SplitFeature = [0, 1], Threshold = [0.5f, 0.5f], DefaultLeft = [true, true],
            LeftChild = [~0, ~1], RightChild = [1, ~2], LeafValue = [0, 0, 80],
            NodeCover = [4, 2], LeafCover = [2, 1, 1],
        };
        var ensemble = new TreeEnsemble { FeatureCount = 2, OutputCount = 1, BaseScore = [0], Trees = [tree], TreeOutput = [0] };
        var x = new FeatureMatrix([0, 0, 0, 1, 1, 0, 1, 1], 4, ["x0", "x1"]);

        var shap = new TreeShap(ensemble, algorithm).Explain(x);

        Assert.Equal(20, shap.BaseValue[0]);
        double[][] expected = [[-10, -10], [-30, 10], [10, -30], [30, 30]];
        for (var r = 0; r < 4; r++) Assert.Equal(expected[r], shap.Row(r).Select(v => Math.Round(v, 12)).ToArray());
    }

    /// <summary>Exact Shapley values of the tree's own conditional expectations (the paper's Algorithm 1), by brute force.</summary>
    internal static double[] BruteForce(TreeEnsemble ensemble, ReadOnlySpan<float> x)
    {
        var m = ensemble.FeatureCount;
        var row = x.ToArray();
        double Value(int subset) => ensemble.Trees.Sum(t => Expected(t, 0, subset, row));
        var phi = new double[m];
        var factorial = new double[m + 1];
        factorial[0] = 1;
        for (var i = 1; i <= m; i++) factorial[i] = factorial[i - 1] * i;
        for (var subset = 0; subset < 1 << m; subset++)
        {
            var size = System.Numerics.BitOperations.PopCount((uint)subset);
            for (var i = 0; i < m; i++)
            {
                if ((subset & (1 << i)) != 0) continue;
                var weight = factorial[size] * factorial[m - size - 1] / factorial[m];
                phi[i] += weight * (Value(subset | (1 << i)) - Value(subset));
            }
        }
        return phi;
    }

    internal static double Expected(DecisionTree tree, int node, int subset, float[] x)
    {
        if (tree.SplitFeature.Length == 0) return tree.LeafValue[0];
        if (node < 0) return tree.LeafValue[~node];
        var f = tree.SplitFeature[node];
        if ((subset & (1 << f)) != 0)
        {
            var left = float.IsNaN(x[f]) ? tree.DefaultLeft[node] : x[f] <= tree.Threshold[node];
            return Expected(tree, left ? tree.LeftChild[node] : tree.RightChild[node], subset, x);
        }
        double Cover(int c) => c < 0 ? tree.LeafCover[~c] : tree.NodeCover[c];
        var (l, r) = (tree.LeftChild[node], tree.RightChild[node]);
        return (Cover(l) * Expected(tree, l, subset, x) + Cover(r) * Expected(tree, r, subset, x)) / tree.NodeCover[node];
    }

    [Theory]
    [InlineData(TreeShapAlgorithm.Recursive)]
    [InlineData(TreeShapAlgorithm.Precomputed)]
    [InlineData(TreeShapAlgorithm.Quadrature)]
    public void SmallTrainedEnsemble_EqualsBruteForceShapleyValues_EvenWithRepeatedFeaturesAndMissingValues(TreeShapAlgorithm algorithm)
    {
        var random = new Random(5);
        var rows = 400;
        var values = new double[5][];
        for (var j = 0; j < 5; j++) values[j] = Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.1 ? double.NaN : random.NextDouble()).ToArray();
        var label = Enumerable.Range(0, rows).Select(i => (values[0][i] > 0.5 ? 2 : 0) + (values[1][i] * values[2][i] > 0.2 ? 1.5 : 0) + random.NextDouble()).ToArray();
        var table = new Table([.. values.Select((v, j) => (Column)new NumericColumn($"x{j}", v)), new NumericColumn("y", label)]);
        var model = new LightGbmTrainer { Iterations = 15, LearningRate = 0.3 }.Fit(table, Target.Detect(table, "y", TaskKind.Regression));
        var ensemble = (TreeEnsemble)model.Predictor;
        var x = model.Features.Transform(table.Take(Enumerable.Range(0, 12).ToArray()));
        Assert.True(ensemble.FeatureCount <= 10, "brute force needs few features");

        var shap = new TreeShap(ensemble, algorithm).Explain(x);

        for (var r = 0; r < x.Rows; r++)
        {
            var expected = BruteForce(ensemble, x.Row(r));
            var actual = shap.Row(r);
            for (var f = 0; f < expected.Length; f++) Assert.Equal(expected[f], actual[f], 9);
        }
    }

    /// <summary>Depths 9–32 take two and four vectors of quadrature points; a tree deeper than 32 falls back to the recursion.</summary>
    [Theory]
    [InlineData(12)]
    [InlineData(20)]
    [InlineData(32)]
    [InlineData(40)]
    public void DeepTrees_QuadratureEqualsTheRecursion(int depth)
    {
        var random = new Random(depth);
        var tree = DeepTree(random, depth, features: 6);
        var ensemble = new TreeEnsemble { FeatureCount = 6, OutputCount = 1, BaseScore = [0], Trees = [tree, DeepTree(random, depth / 2, 6)], TreeOutput = [0, 0] };
        var rows = Enumerable.Range(0, 20 * 6).Select(_ => random.NextDouble() < 0.1 ? float.NaN : (float)random.NextDouble()).ToArray();
        var x = new FeatureMatrix(rows, 20, [.. Enumerable.Range(0, 6).Select(i => $"f{i}")]);

        var auto = new TreeShap(ensemble);
        var expected = new TreeShap(ensemble, TreeShapAlgorithm.Recursive).Explain(x);
        var actual = auto.Explain(x);

        Assert.Equal(depth <= 32 ? TreeShapAlgorithm.Quadrature : TreeShapAlgorithm.Recursive, auto.Algorithm);
        var raw = new double[x.Rows];
        ensemble.Score(x, raw);
        for (var r = 0; r < x.Rows; r++)
        {
            for (var f = 0; f < 6; f++) Assert.Equal(expected[r, f], actual[r, f], 1e-9);
            Assert.Equal(raw[r], actual.Total(r), 1e-9);
        }
        if (depth > 32)
            Assert.Contains("depth", Assert.Throws<KeelLearnException>(() => new TreeShap(ensemble, TreeShapAlgorithm.Quadrature)).Message);
    }

    /// <summary>A random tree with one path exactly <paramref name="depth"/> splits long, features repeating along it.</summary>
    private static DecisionTree DeepTree(Random random, int depth, int features)
    {
        var split = new List<int>();
        var threshold = new List<float>();
        var defaultLeft = new List<bool>();
        var left = new List<int>();
        var right = new List<int>();
        var nodeCover = new List<double>();
        var leafValue = new List<double>();
        var leafCover = new List<double>();
        (int Reference, double Cover) Grow(int level, bool spine)
        {
            if (level == depth || (!spine && random.NextDouble() < 0.4))
            {
                leafValue.Add(random.NextDouble() * 2 - 1);
                leafCover.Add(1 + random.Next(20));
                return (~(leafValue.Count - 1), leafCover[^1]);
            }
            var node = split.Count;
            split.Add(random.Next(features));
            threshold.Add((float)random.NextDouble());
            defaultLeft.Add(random.Next(2) == 0);
            left.Add(0);
            right.Add(0);
            nodeCover.Add(0);
            var spineLeft = random.Next(2) == 0;
            var (l, lc) = Grow(level + 1, spine && spineLeft);
            var (r, rc) = Grow(level + 1, spine && !spineLeft);
            (left[node], right[node], nodeCover[node]) = (l, r, lc + rc);
            return (node, lc + rc);
        }
        Grow(0, spine: true);
        return new DecisionTree
        {
            SplitFeature = [.. split], Threshold = [.. threshold], DefaultLeft = [.. defaultLeft], LeftChild = [.. left],
            RightChild = [.. right], LeafValue = [.. leafValue], NodeCover = [.. nodeCover], LeafCover = [.. leafCover],
        };
    }

    /// <summary>LightGBM 4.7.0's own TreeSHAP (C_API_PREDICT_CONTRIB) on a 500-tree model of Adult.</summary>
    [Fact]
    public void Adult500Trees_EqualsLightGbmsOwnContributions()
    {
        var table = CsvTableReader.Read(Sample("adult.data"));
        var target = Target.Detect(table, "column15");
        var plan = FeaturePlan.Fit(table.WithRole(target.Column, ColumnRole.Label));
        var all = plan.Transform(table);
        var labels = target.Encode(table).Select(v => (float)v).ToArray();
        var text = new LightGbmTrainer { Iterations = 500 }.TrainModelText(all, labels, null, target, new TrainingContext { Seed = 3 });
        var (ensemble, _) = LightGbmModelText.Parse(text);
        using var booster = LightGbmBooster.FromModelText(text);
        var x = all.Take(Enumerable.Range(0, 300).Select(i => i * 97 % all.Rows).ToArray());
        var width = x.Columns;

        var expected = booster.Predict(x.Values, x.Rows, width, LightGbmNative.PredictContrib, width + 1);
        var auto = new TreeShap(ensemble);
        var precomputed = new TreeShap(ensemble, TreeShapAlgorithm.Precomputed);
        var recursive = new TreeShap(ensemble, TreeShapAlgorithm.Recursive);

        Assert.Equal(500, ensemble.Trees.Length);
        Assert.Equal(TreeShapAlgorithm.Quadrature, auto.Algorithm);
        var single = new double[x.Rows * width];
        var split = new double[x.Rows * width];
        for (var r = 0; r < x.Rows; r++)
        {
            auto.ExplainRow(x.Row(r), single.AsSpan(r * width, width));
            auto.ExplainRow(x.Row(r), split.AsSpan(r * width, width), threads: 2);
        }
        var singles = new ShapValues(single, x.Rows, x.Names, 1, auto.BaseValue);
        var splits = new ShapValues(split, x.Rows, x.Names, 1, auto.BaseValue);
        foreach (var shap in new[] { precomputed.Explain(x, threads: 2), recursive.Explain(x, threads: 2), auto.Explain(x, threads: 2), singles, splits })
            for (var r = 0; r < x.Rows; r++)
            {
                for (var f = 0; f < width; f++) Assert.Equal(expected[r * (width + 1) + f], shap[r, f], 1e-6);
                Assert.Equal(expected[r * (width + 1) + width], shap.BaseValue[0], 1e-6);
            }
    }

    [Theory]
    [InlineData("LightGbm", TaskKind.Binary)]
    [InlineData("LightGbm", TaskKind.Multiclass)]
    [InlineData("LightGbm", TaskKind.Regression)]
    [InlineData("FastTree", TaskKind.Binary)]
    [InlineData("FastForest", TaskKind.Regression)]
    [InlineData("Linear", TaskKind.Binary)]
    [InlineData("Linear", TaskKind.Multiclass)]
    public void EveryTrainer_ExplanationsAddUpPerRowAndOutput_AndGroupByColumn(string trainer, TaskKind task)
    {
        var telco = CsvTableReader.Read(Sample("telco_churn.csv")).Take(Enumerable.Range(0, 800).ToArray());
        var target = Target.Detect(telco, task switch { TaskKind.Binary => "Churn", TaskKind.Multiclass => "Contract", _ => "MonthlyCharges" }, task);
        ITrainer make = trainer switch
        {
            "LightGbm" => new LightGbmTrainer { Iterations = 30 },
            "FastTree" => new FastTreeTrainer { Trees = 20 },
            "FastForest" => new FastForestTrainer { Trees = 20 },
            _ => new LinearTrainer(),
        };
        var model = make.Fit(telco, target);
        var rows = telco.Take(Enumerable.Range(0, 50).ToArray());
        var explainer = new ModelExplainer(model);

        var byColumn = explainer.Explain(rows);
        var raw = model.Predict(rows).Raw;

        var outputs = model.Predictor.OutputCount;
        Assert.Equal(task == TaskKind.Multiclass ? 3 : 1, byColumn.Outputs);
        Assert.Equal(model.Features.InputColumns, byColumn.Features);
        for (var r = 0; r < rows.RowCount; r++)
            for (var k = 0; k < outputs; k++)
                Assert.Equal(raw[r * outputs + k], byColumn.Total(r, k), 1e-6);
    }

    [Fact]
    public void Auto_UsesQuadrature_AndTheRecursionWhenACoverIsZero_TablesOnlyWhenAskedWithinTheBudget()
    {
        var tree = new DecisionTree
        {
            SplitFeature = [0, 1], Threshold = [0.5f, 0.5f], DefaultLeft = [true, true],
            LeftChild = [~0, ~1], RightChild = [1, ~2], LeafValue = [0, 0, 80],
            NodeCover = [4, 2], LeafCover = [2, 2, 0],
        };
        var ensemble = new TreeEnsemble { FeatureCount = 2, OutputCount = 1, BaseScore = [0], Trees = [tree with { LeafCover = [2, 1, 1] }], TreeOutput = [0] };

        Assert.Equal(TreeShapAlgorithm.Quadrature, new TreeShap(ensemble).Algorithm);
        Assert.Equal(TreeShapAlgorithm.Precomputed, new TreeShap(ensemble, TreeShapAlgorithm.Precomputed).Algorithm);
        Assert.Contains("budget", Assert.Throws<KeelLearnException>(() => new TreeShap(ensemble, TreeShapAlgorithm.Precomputed, tableBudget: 4)).Message);
        Assert.Equal(TreeShapAlgorithm.Recursive, new TreeShap(ensemble with { Trees = [tree] }).Algorithm);
        Assert.Contains("empty branch", Assert.Throws<KeelLearnException>(() => new TreeShap(ensemble with { Trees = [tree] }, TreeShapAlgorithm.Precomputed)).Message);
        Assert.Contains("empty branch", Assert.Throws<KeelLearnException>(() => new TreeShap(ensemble with { Trees = [tree] }, TreeShapAlgorithm.Quadrature)).Message);
    }

    [Fact]
    public void EnsembleWithoutCovers_IsRefusedWithWhatToDo()
    {
        var tree = new DecisionTree { SplitFeature = [0], Threshold = [0f], DefaultLeft = [true], LeftChild = [~0], RightChild = [~1], LeafValue = [0, 1] };
        var ensemble = new TreeEnsemble { FeatureCount = 1, OutputCount = 1, BaseScore = [0], Trees = [tree], TreeOutput = [0] };

        var error = Assert.Throws<KeelLearnException>(() => new TreeShap(ensemble));

        Assert.Contains("WithCovers", error.Message);
    }
}

public class InterventionalTreeShapTests
{
    /// <summary>Exact interventional Shapley values by enumerating every subset: v(S) = mean over z of f(x_S, z_rest).</summary>
    private static double[] BruteForce(TreeEnsemble ensemble, ReadOnlySpan<float> x, FeatureMatrix background)
    {
        var m = ensemble.FeatureCount;
        var row = x.ToArray();
        var raw = new double[1];
        double Value(int subset)
        {
            double total = 0;
            for (var z = 0; z < background.Rows; z++)
            {
                var mixed = background.Row(z).ToArray();
                for (var j = 0; j < m; j++) if ((subset & (1 << j)) != 0) mixed[j] = row[j];
                ensemble.ScoreRow(mixed, raw);
                total += raw[0];
            }
            return total / background.Rows;
        }
        var factorial = new double[m + 1];
        factorial[0] = 1;
        for (var i = 1; i <= m; i++) factorial[i] = factorial[i - 1] * i;
        var phi = new double[m];
        for (var subset = 0; subset < 1 << m; subset++)
        {
            var size = System.Numerics.BitOperations.PopCount((uint)subset);
            for (var i = 0; i < m; i++)
                if ((subset & (1 << i)) == 0)
                    phi[i] += factorial[size] * factorial[m - size - 1] / factorial[m] * (Value(subset | (1 << i)) - Value(subset));
        }
        return phi;
    }

    [Fact]
    public void AndTree_WithTheFourRowsAsBackground_GivesShapsDocumentedValues()
    {
        var tree = new DecisionTree
        {
            SplitFeature = [0, 1], Threshold = [0.5f, 0.5f], DefaultLeft = [true, true],
            LeftChild = [~0, ~1], RightChild = [1, ~2], LeafValue = [0, 0, 80],
        };
        var ensemble = new TreeEnsemble { FeatureCount = 2, OutputCount = 1, BaseScore = [0], Trees = [tree], TreeOutput = [0] };
        var x = new FeatureMatrix([0, 0, 0, 1, 1, 0, 1, 1], 4, ["x0", "x1"]);

        var shap = new InterventionalTreeShap(ensemble, x).Explain(x);

        Assert.Equal(20, shap.BaseValue[0]);
        double[][] expected = [[-10, -10], [-30, 10], [10, -30], [30, 30]];
        for (var r = 0; r < 4; r++) Assert.Equal(expected[r], shap.Row(r).Select(v => Math.Round(v, 12)).ToArray());
    }

    [Fact]
    public void TrainedEnsemble_EqualsBruteForceInterventionalShapleyValues_AndAddsUp()
    {
        var random = new Random(11);
        var rows = 300;
        var columns = Enumerable.Range(0, 5).Select(j => Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.1 ? double.NaN : random.NextDouble()).ToArray()).ToArray();
        var label = Enumerable.Range(0, rows).Select(i => (columns[0][i] > 0.5 ? 2 : 0) + (columns[1][i] * columns[2][i] > 0.2 ? 1.5 : 0) + random.NextDouble()).ToArray();
        var table = new Table([.. columns.Select((v, j) => (Column)new NumericColumn($"x{j}", v)), new NumericColumn("y", label)]);
        var model = new LightGbmTrainer { Iterations = 12, LearningRate = 0.3 }.Fit(table, Target.Detect(table, "y", TaskKind.Regression));
        var ensemble = (TreeEnsemble)model.Predictor;
        var all = model.Features.Transform(table);
        var background = all.Take(Enumerable.Range(100, 15).ToArray());
        var x = all.Take(Enumerable.Range(0, 8).ToArray());

        var shap = new InterventionalTreeShap(ensemble, background).Explain(x, threads: 2);

        var raw = new double[x.Rows];
        ensemble.Score(x, raw);
        for (var r = 0; r < x.Rows; r++)
        {
            var expected = BruteForce(ensemble, x.Row(r), background);
            for (var f = 0; f < expected.Length; f++) Assert.Equal(expected[f], shap[r, f], 9);
            Assert.Equal(raw[r], shap.Total(r), 9);
        }
    }
}

public class ProbabilityScaleTests
{
    [Fact]
    public void InterventionalProbabilities_AddUpToTheProbability_AndRescaleEachBackgroundRowsRawValues()
    {
        var telco = CsvTableReader.Read(Path.Combine(AppContext.BaseDirectory, "samples", "telco_churn.csv")).Take(Enumerable.Range(0, 800).ToArray());
        var model = new LightGbmTrainer { Iterations = 30 }.Fit(telco, Target.Detect(telco, "Churn"));
        var ensemble = (TreeEnsemble)model.Predictor;
        var all = model.Features.Transform(telco);
        var background = all.Take([100, 200, 300]);
        var x = all.Take([0, 1, 2, 3]);

        var shap = new InterventionalTreeShap(ensemble, background).ExplainProbability(x, model.Link);

        var p = model.Predict(x).PositiveProbabilities();
        for (var r = 0; r < x.Rows; r++) Assert.Equal(p[r], shap.Total(r), 12);
        var expected = new double[x.Columns];
        var raw = new double[1];
        ensemble.ScoreRow(x.Row(0), raw);
        for (var z = 0; z < background.Rows; z++)
        {
            var one = background.Take([z]);
            var perRow = new InterventionalTreeShap(ensemble, one).Explain(x.Take([0]));
            var fz = perRow.BaseValue[0];
            var scale = (model.Link.Probability(raw[0]) - model.Link.Probability(fz)) / (raw[0] - fz);
            for (var f = 0; f < x.Columns; f++) expected[f] += scale * perRow[0, f] / background.Rows;
        }
        for (var f = 0; f < x.Columns; f++) Assert.Equal(expected[f], shap[0, f], 12);
    }
}

using Keel.Data;
using Keel.Learn;
using Keel.Learn.Anomaly;
using Keel.Learn.Models;
using Keel.Learn.Trainers;

namespace Keel.Explain.Tests;

/// <summary>
/// TreeSHAP explains an Isolation Forest's expected path length, with the covers of the rows each tree was grown on,
/// as SHAP does for scikit-learn's IsolationForest (shap/shap, shap/explainers/_tree.py: SklearnTreeModelLoader
/// wraps each estimator in an IsoTree whose values are depth + _average_path_length(n_node_samples), scaled by
/// 1 / n_estimators, with tree_output "raw_value").
/// </summary>
public class IsolationForestShapTests
{
    private static (Model Model, Table Rows) Forest(int trees, int seed)
    {
        var random = new Random(seed);
        var n = 300;
        var columns = new Column[5];
        for (var j = 0; j < 5; j++)
            columns[j] = new NumericColumn($"x{j}", Enumerable.Range(0, n).Select(i => i % 50 == 0 ? 6 + random.NextDouble() : random.NextDouble() + (j == 1 ? 0.3 * i / n : 0)).ToArray());
        var colour = CategoricalColumn.FromStrings("colour", Enumerable.Range(0, n).Select(i => i % 3 == 0 ? "red" : "blue").ToArray());
        var table = new Table([.. columns, colour]);
        var model = new IsolationForestTrainer { Trees = trees }.Fit(table, Target.Anomaly(table), new TrainingContext { Seed = seed });
        return (model, table);
    }

    [Fact]
    public void TreeShap_OfAnIsolationForest_AddsUpExactlyToTheExpectedPathLength()
    {
        var (model, rows) = Forest(100, 3);
        var explainer = new ModelExplainer(model);
        var features = model.Features.Transform(rows);

        var values = explainer.ExplainFeatures(features);

        var raw = new double[features.Rows];
        model.Predictor.Score(features, raw);
        for (var r = 0; r < features.Rows; r++) Assert.Equal(raw[r], values.Total(r), 10);
        Assert.Equal("expected path length (shorter = more anomalous)", explainer.Units);
    }

    [Fact]
    public void TreeShap_OfAnIsolationForest_EqualsBruteForceShapleyValuesOverTheTrainingCovers()
    {
        var (model, rows) = Forest(10, 4);
        var ensemble = (TreeEnsemble)model.Predictor;
        var features = model.Features.Transform(rows.Take([0, 1, 2, 50, 100]));

        var shap = new TreeShap(ensemble).Explain(features);

        for (var r = 0; r < features.Rows; r++)
        {
            var expected = TreeShapTests.BruteForce(ensemble, features.Row(r));
            for (var f = 0; f < expected.Length; f++) Assert.Equal(expected[f], shap.Row(r)[f], 9);
        }
    }

    [Fact]
    public void TreeShap_TheBaseValue_IsTheMeanPathLengthOverEachTreesOwnSample()
    {
        var (model, _) = Forest(20, 5);
        var ensemble = (TreeEnsemble)model.Predictor;
        var expected = ensemble.Trees.Sum(t => t.LeafValue.Zip(t.LeafCover).Sum(p => p.First * p.Second) / t.LeafCover.Sum());

        Assert.Equal(expected, new TreeShap(ensemble).BaseValue[0], 10);
    }

    [Fact]
    public void Outliers_HaveNegativeAttributions_OnTheColumnsThatMakeThemOutliers()
    {
        var (model, rows) = Forest(100, 6);
        var byColumn = new ModelExplainer(model).Explain(rows.Take([0, 50]));

        for (var r = 0; r < 2; r++)
            for (var c = 0; c < 5; c++)
                Assert.True(byColumn[r, c, 0] < 0, $"row {r}, x{c}: {byColumn[r, c, 0]}");
    }
}

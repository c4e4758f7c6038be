using Keel.Learn.Featurization;
using Keel.Learn.Import;
using Keel.Learn.Models;

namespace Keel.Learn.Tests.Import;

/// <summary>
/// XGBoost models read into Keel's trees score as XGBoost 1.7.4 scores them: the fixtures hold XGBoost's own margins
/// and predictions (tests/fixtures/make_xgboost_fixture.py), on rows with NaN and values exactly on split thresholds.
/// </summary>
public class XgboostJsonModelTests
{
    public static TheoryData<string> Cases => new() { "binary", "regression", "softprob", "softmax" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_KeelRawScoresEqualXgboostMargins(string name)
    {
        var fixture = XgboostFixture.Load(name);
        var imported = XgboostJsonModel.Parse(fixture.ModelText, fixture.ModelPath);
        var ensemble = imported.Ensemble;
        var x = new FeatureMatrix(fixture.Features32, fixture.Rows.Length, fixture.Features);

        var raw = new double[x.Rows * ensemble.OutputCount];
        ensemble.Score(x, raw);

        // XGBoost adds its float leaf values in floats, so its margins carry float rounding: within 1e-6, relative
        // to margins above 1 (a regression margin near 60 has float steps of 4e-6).
        Assert.Equal(fixture.Objective, imported.Objective);
        for (var i = 0; i < x.Rows; i++)
            for (var k = 0; k < ensemble.OutputCount; k++)
            {
                var expected = fixture.Margins[i][k];
                Assert.Equal(expected, raw[i * ensemble.OutputCount + k], 1e-6 * Math.Max(1, Math.Abs(expected)));
            }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_LeavesKeelReachesAddUpInFloatsToXgboostMarginsExactly(string name)
    {
        // XGBoost's CPU predictor starts from the base margin and adds tree by tree in floats. Doing the same with the
        // leaves Keel reaches gives XGBoost's margins bit for bit: every row takes XGBoost's path in every tree.
        var fixture = XgboostFixture.Load(name);
        var ensemble = XgboostJsonModel.Parse(fixture.ModelText).Ensemble;

        for (var i = 0; i < fixture.Rows.Length; i++)
        {
            var sums = ensemble.BaseScore.Select(b => (float)b).ToArray();
            for (var t = 0; t < ensemble.Trees.Length; t++)
            {
                var tree = ensemble.Trees[t];
                sums[ensemble.TreeOutput[t]] += (float)tree.LeafValue[tree.Leaf(fixture.Rows[i])];
            }
            for (var k = 0; k < sums.Length; k++) Assert.Equal((float)fixture.Margins[i][k], sums[k]);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ImportedBundle_PredictsWhatXgboostPredicts(string name)
    {
        var fixture = XgboostFixture.Load(name);
        var imported = XgboostJsonModel.Parse(fixture.ModelText, fixture.ModelPath);
        var bundle = ModelImport.Build(imported, new ModelImportOptions { Inputs = fixture.Features.Select(f => new Keel.Data.ColumnSchema(f, Keel.Data.ColumnType.Numeric)).ToArray() });

        var predictions = bundle.Model.Predict(fixture.Table);

        for (var i = 0; i < predictions.Rows; i++)
        {
            var expected = fixture.Predictions[i];
            switch (name)
            {
                case "binary":
                    Assert.Equal(expected[0], predictions.Probability(i, 1), 1e-6);
                    break;
                case "regression":
                    Assert.Equal(expected[0], predictions.Values![i], 1e-6 * Math.Max(1, Math.Abs(expected[0])));
                    break;
                case "softprob":
                    for (var k = 0; k < 3; k++) Assert.Equal(expected[k], predictions.Probability(i, k), 1e-6);
                    break;
                case "softmax": // XGBoost predicts the class index
                    Assert.Equal(((int)expected[0]).ToString(System.Globalization.CultureInfo.InvariantCulture), predictions.Labels![i]);
                    break;
            }
        }
    }

    [Fact]
    public void Parse_BinaryLogistic_BaseMarginIsTheLogitOfBaseScore()
    {
        var imported = XgboostJsonModel.Parse(XgboostFixture.Load("binary").ModelText);

        Assert.Equal(LinkKind.Sigmoid, imported.Link.Kind);
        Assert.Equal(Math.Log(0.265 / 0.735), imported.Ensemble.BaseScore[0], 1e-6);
        Assert.Equal(["SeniorCitizen", "tenure", "MonthlyCharges", "TotalCharges"], imported.FeatureNames);
    }

    [Fact]
    public void Parse_Softprob_TreesAddToTheirClassAndStoreNoNames()
    {
        var imported = XgboostJsonModel.Parse(XgboostFixture.Load("softprob").ModelText);

        Assert.Equal(TaskKind.Multiclass, imported.Task);
        Assert.Equal(3, imported.Ensemble.OutputCount);
        Assert.Equal(Enumerable.Range(0, 30).Select(t => t % 3), imported.Ensemble.TreeOutput);
        Assert.Null(imported.FeatureNames);
    }

    [Fact]
    public void Parse_Covers_AreTheSumOfHessiansOfEachNode()
    {
        var imported = XgboostJsonModel.Parse(XgboostFixture.Load("regression").ModelText);

        foreach (var tree in imported.Ensemble.Trees)
        {
            // Squared error: the hessian is 1 per row, so the root covers the 1,000 training rows.
            Assert.Equal(1000, tree.NodeCover[0], 1e-3);
            Assert.Equal(1000, tree.LeafCover.Sum(), 1e-3);
            for (var n = 0; n < tree.SplitFeature.Length; n++)
                Assert.Equal(tree.NodeCover[n], Cover(tree, tree.LeftChild[n]) + Cover(tree, tree.RightChild[n]), 1e-3);
        }

        static double Cover(DecisionTree tree, int child) => child < 0 ? tree.LeafCover[~child] : tree.NodeCover[child];
    }

    [Fact]
    public void Parse_NodesInAnyOrder_AreRenumberedFromTheRootAndUnreachedNodesDropped()
    {
        // Root 0 splits f1 < 2.5: left is node 3 (a split on f0 < -1), right is leaf 1; node 2 was deleted by pruning.
        var json = Model("binary:logistic", """
            { "left_children": [3, -1, -1, 4, -1, -1], "right_children": [1, -1, -1, 5, -1, -1],
              "split_indices": [1, 0, 0, 0, 0, 0], "split_conditions": [2.5, 0.25, 9, -1, -0.5, 0.75],
              "default_left": [0, 0, 0, 1, 0, 0], "split_type": [0, 0, 0, 0, 0, 0],
              "sum_hessian": [10, 4, 0, 6, 2, 4], "base_weights": [0, 0, 0, 0, 0, 0] }
            """);

        var tree = XgboostJsonModel.Parse(json).Ensemble.Trees[0];

        Assert.Equal([1, 0], tree.SplitFeature);
        Assert.Equal([MathF.BitDecrement(2.5f), MathF.BitDecrement(-1f)], tree.Threshold);
        Assert.Equal([false, true], tree.DefaultLeft);
        Assert.Equal([1, ~0], tree.LeftChild);
        Assert.Equal([~2, ~1], tree.RightChild);
        Assert.Equal([-0.5, 0.75, 0.25], tree.LeafValue);
        Assert.Equal([10.0, 6.0], tree.NodeCover);
        Assert.Equal([2.0, 4.0, 4.0], tree.LeafCover);
        Assert.Equal(0.25, tree.Evaluate([0f, 2.5f])); // 2.5 < 2.5 is false: right
        Assert.Equal(0.75, tree.Evaluate([-1f, 2.4999998f])); // -1 < -1 is false: right of node 3
        Assert.Equal(-0.5, tree.Evaluate([float.NaN, 1f])); // left, then missing: default left
        Assert.Equal(0.25, tree.Evaluate([0f, float.NaN])); // missing at the root: default right
    }

    [Fact]
    public void Parse_BestIterationBeforeTheLastRound_AddsANoteAndKeepsEveryTree()
    {
        var text = XgboostFixture.Load("binary").ModelText;
        var early = text.Replace("\"best_iteration\":\"29\"", "\"best_iteration\":\"9\"");

        var plain = XgboostJsonModel.Parse(text, "m.json");
        var stopped = XgboostJsonModel.Parse(early, "m.json");

        Assert.NotEqual(text, early);
        Assert.Empty(plain.Notes);
        Assert.Equal(30, stopped.Ensemble.Trees.Length);
        Assert.Contains("m.json records best_iteration 9 (early stopping) but holds 30 rounds", Assert.Single(stopped.Notes));
        Assert.Contains("booster[:10]", stopped.Notes[0]);
    }

    [Fact]
    public void BelowSplitCondition_SendsEveryFloatLeftExactlyWhenItIsBelowTheCondition()
    {
        float[] conditions = [29.85f, 0f, -0f, 1e-45f, -3.3333333f, 1e10f, float.MaxValue, float.PositiveInfinity];
        foreach (var c in conditions)
        {
            var t = XgboostJsonModel.BelowSplitCondition(c);
            foreach (var x in new[] { c, MathF.BitIncrement(c), MathF.BitDecrement(c), t, MathF.BitDecrement(t), 0f, -0f, float.PositiveInfinity, float.NegativeInfinity })
                Assert.Equal(x < c, x <= t);
        }
    }

    [Fact]
    public void Parse_CategoricalSplit_IsRefusedNamingTheTreeAndNode()
    {
        var e = Assert.Throws<KeelLearnException>(() => XgboostJsonModel.Parse(File.ReadAllText(TestData.Fixture("xgboost_categorical.model.json")), "cat.json"));

        Assert.Contains("cat.json: tree 0, node", e.Message);
        Assert.Contains("categorical split", e.Message);
        Assert.Contains("one-hot", e.Message);
    }

    [Fact]
    public void Parse_UnsupportedObjective_IsRefusedNamingIt()
    {
        var e = Assert.Throws<KeelLearnException>(() => XgboostJsonModel.Parse(File.ReadAllText(TestData.Fixture("xgboost_poisson.model.json")), "poisson.json"));

        Assert.Contains("poisson.json", e.Message);
        Assert.Contains("'count:poisson' is not supported", e.Message);
        Assert.Contains("binary:logistic, reg:squarederror, multi:softprob and multi:softmax", e.Message);
    }

    [Fact]
    public void QuoteNonFiniteNumbers_QuotesBareWordsAndLeavesStringsAlone()
    {
        var json = """{"split_conditions": [NaN, 1.5, Infinity, -Infinity], "feature_names": ["NaN \" Infinity"]}""";

        var quoted = XgboostJsonModel.QuoteNonFiniteNumbers(json);

        Assert.Equal("""{"split_conditions": ["NaN", 1.5, "Infinity", "-Infinity"], "feature_names": ["NaN \" Infinity"]}""", quoted);
    }

    [Theory]
    [InlineData("not json at all", "is not JSON")]
    [InlineData("{\"version\": [1, 7, 4]}", "has no 'learner'")]
    [InlineData("{\"learner\": {\"learner_model_param\": {\"num_feature\": \"2\"}, \"objective\": {\"name\": \"binary:logistic\"}, \"gradient_booster\": {\"name\": \"gblinear\"}}}", "linear XGBoost model")]
    public void Parse_NotAnXgboostTreeModel_IsRefusedWithWhatToDo(string json, string expected)
    {
        var e = Assert.Throws<KeelLearnException>(() => XgboostJsonModel.Parse(json, "m.json"));

        Assert.StartsWith("m.json", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Parse_ChildOutsideTheTree_IsRefusedNamingTheTreeAndNode()
    {
        var json = Model("reg:squarederror", """
            { "left_children": [1, -1], "right_children": [7, -1], "split_indices": [0, 0], "split_conditions": [1, 2],
              "default_left": [0, 0], "split_type": [0, 0], "sum_hessian": [1, 1] }
            """);

        var e = Assert.Throws<KeelLearnException>(() => XgboostJsonModel.Parse(json, "m.json"));

        Assert.Contains("m.json: tree 0, node 0 has the child 7", e.Message);
    }

    /// <summary>A minimal XGBoost JSON model of two features with one tree.</summary>
    private static string Model(string objective, string tree) => $$"""
        { "learner": {
            "feature_names": [], "feature_types": [],
            "gradient_booster": { "name": "gbtree", "model": { "tree_info": [0], "trees": [ {{tree}} ] } },
            "learner_model_param": { "base_score": "5E-1", "num_class": "0", "num_feature": "2", "num_target": "1" },
            "objective": { "name": "{{objective}}" } },
          "version": [1, 7, 4] }
        """;
}

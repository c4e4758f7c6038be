using Keel.Data;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Tests.Trainers;
using Keel.Learn.Trainers;

namespace Keel.Learn.Tests.Scoring;

/// <summary>The compiled scorer must give, to the last bit, what walking each <see cref="DecisionTree"/> gives.</summary>
public class CompiledTreesTests
{
    private static double[] Reference(TreeEnsemble ensemble, FeatureMatrix x)
    {
        var k = ensemble.OutputCount;
        var raw = new double[x.Rows * k];
        for (var i = 0; i < x.Rows; i++)
        {
            for (var o = 0; o < k; o++) raw[i * k + o] = ensemble.BaseScore[o];
            for (var t = 0; t < ensemble.Trees.Length; t++) raw[i * k + ensemble.TreeOutput[t]] += ensemble.Trees[t].Evaluate(x.Row(i));
        }
        return raw;
    }

    /// <summary>Features with every seventh value missing, so default directions are exercised.</summary>
    private static FeatureMatrix WithHoles(FeatureMatrix x)
    {
        var values = (float[])x.Values.Clone();
        for (var i = 0; i < values.Length; i += 7) values[i] = float.NaN;
        return new FeatureMatrix(values, x.Rows, x.Names);
    }

    [Theory]
    [InlineData(TaskKind.Binary)]
    [InlineData(TaskKind.Multiclass)]
    [InlineData(TaskKind.Regression)]
    public void Score_BatchThreadedAndSingleRow_EqualTheTreeByTreeWalk(TaskKind task)
    {
        var (data, target) = TrainerCases.Data(task, 1500);
        var model = new LightGbmTrainer { Iterations = 40 }.Fit(data, target);
        var ensemble = Assert.IsType<TreeEnsemble>(model.Predictor);
        var x = WithHoles(model.Features.Transform(data));
        var expected = Reference(ensemble, x);

        var batch = new double[expected.Length];
        ensemble.Score(x, batch);
        var threaded = new double[expected.Length];
        ensemble.Score(x, threaded, threads: 2);
        var single = new double[expected.Length];
        for (var i = 0; i < x.Rows; i++) ensemble.ScoreRow(x.Row(i), single.AsSpan(i * ensemble.OutputCount, ensemble.OutputCount));

        Assert.Equal(expected, batch);
        Assert.Equal(expected, threaded);
        Assert.Equal(expected, single);
    }

    [Fact]
    public void Score_TreeWithoutSplits_AddsItsOnlyLeaf()
    {
        var stump = new DecisionTree { SplitFeature = [], Threshold = [], DefaultLeft = [], LeftChild = [], RightChild = [], LeafValue = [2.5] };
        var split = new DecisionTree { SplitFeature = [1], Threshold = [0.5f], DefaultLeft = [false], LeftChild = [~0], RightChild = [~1], LeafValue = [-1, 1] };
        var ensemble = new TreeEnsemble { FeatureCount = 2, OutputCount = 1, BaseScore = [0.25], Trees = [stump, split], TreeOutput = [0, 0] };
        var raw = new double[3];

        ensemble.Score(new FeatureMatrix([0, 0, 0, 1, 0, float.NaN], 3, ["a", "b"]), raw);

        Assert.Equal([0.25 + 2.5 - 1, 0.25 + 2.5 + 1, 0.25 + 2.5 + 1], raw);
    }

    [Fact]
    public void Score_FeatureOutOfRange_IsRefusedWithTheTree()
    {
        var bad = new DecisionTree { SplitFeature = [5], Threshold = [0f], DefaultLeft = [true], LeftChild = [~0], RightChild = [~1], LeafValue = [0, 1] };
        var ensemble = new TreeEnsemble { FeatureCount = 2, OutputCount = 1, BaseScore = [0], Trees = [bad], TreeOutput = [0] };

        var error = Assert.Throws<KeelLearnException>(() => ensemble.ScoreRow([0f, 0f], new double[1]));

        Assert.Contains("Tree 0 splits on feature 5", error.Message);
    }
}

using Keel.Learn.Selection;

namespace Keel.Learn.Tests.Selection;

public class DataSplitTests
{
    [Fact]
    public void TrainTest_KeepsEachClassShareInBothParts()
    {
        var labels = Enumerable.Range(0, 1000).Select(i => i < 270 ? 1.0 : 0.0).ToArray();

        var (train, test) = DataSplit.TrainTest(labels, TaskKind.Binary, 0.2, seed: 42);

        Assert.Equal(200, test.Length);
        Assert.Equal(54, test.Count(i => labels[i] == 1));
        Assert.Equal(216, train.Count(i => labels[i] == 1));
        Assert.Empty(train.Intersect(test));
    }

    [Fact]
    public void TrainTest_SameSeed_SameSplit_OtherSeed_OtherSplit()
    {
        var labels = Enumerable.Range(0, 500).Select(i => (double)(i % 3)).ToArray();

        Assert.Equal(DataSplit.TrainTest(labels, TaskKind.Multiclass, 0.2, 1).Test, DataSplit.TrainTest(labels, TaskKind.Multiclass, 0.2, 1).Test);
        Assert.NotEqual(DataSplit.TrainTest(labels, TaskKind.Multiclass, 0.2, 1).Test, DataSplit.TrainTest(labels, TaskKind.Multiclass, 0.2, 2).Test);
    }

    [Fact]
    public void KFold_CoversEveryRowOnce_AndStratifies()
    {
        var labels = Enumerable.Range(0, 103).Select(i => i % 4 == 0 ? 1.0 : 0.0).ToArray();

        var folds = DataSplit.KFold(labels, TaskKind.Binary, 5, 42);

        Assert.Equal(Enumerable.Range(0, 103), folds.SelectMany(f => f).Order());
        Assert.All(folds, f => Assert.InRange(f.Count(i => labels[i] == 1), 5, 6));
    }

    [Fact]
    public void TrainTest_BadFraction_IsRefused()
    {
        var e = Assert.Throws<KeelLearnException>(() => DataSplit.TrainTest([0, 1, 0, 1], TaskKind.Binary, 1.5));

        Assert.Contains("between 0 and 1", e.Message);
    }
}

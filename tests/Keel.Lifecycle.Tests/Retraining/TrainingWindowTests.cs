using Keel.Data;
using Keel.Lifecycle.Retraining;

namespace Keel.Lifecycle.Tests.Retraining;

public sealed class TrainingWindowTests
{
    /// <summary>Rows numbered from <paramref name="start"/> in column "n", labelled in "y".</summary>
    private static Table Rows(int start, int count) => new([
        new NumericColumn("n", Enumerable.Range(start, count).Select(i => (double)i).ToArray()),
        CategoricalColumn.FromStrings("y", Enumerable.Range(start, count).Select(i => i % 2 == 0 ? "yes" : "no").ToArray()),
    ]);

    private static double[] N(Table t) => ((NumericColumn)t["n"]).Values.ToArray();

    private static RetrainingPolicy Policy(string window, int recent = 300, int weight = 1, int held = 200) => RetrainingPolicy.Parse($"""
        triggers:
          schedule: 1d
        data:
          window: {window}
          recent_rows: {recent}
          recent_weight: {weight}
        challenger:
          evaluation_rows: {held}
        """);

    [Fact]
    public void Sliding_TrainsOnTheRecentRowsBeforeTheHeldOutOnes()
    {
        var window = TrainingWindow.Build(Policy("sliding"), Rows(0, 1000), original: Rows(-500, 500));

        Assert.Equal(Enumerable.Range(800, 200).Select(i => (double)i), N(window.Evaluation));
        Assert.Equal(Enumerable.Range(500, 300).Select(i => (double)i), N(window.Training));
        Assert.Equal(0, window.OriginalRows);
        Assert.Equal("a sliding window: the 300 labelled rows before the 200 held out", window.Description);
    }

    [Fact]
    public void Expanding_TrainsOnTheOriginalAndEveryRowBeforeTheHeldOutOnes()
    {
        var window = TrainingWindow.Build(Policy("expanding"), Rows(0, 1000), original: Rows(-500, 500));

        Assert.Equal(Enumerable.Range(-500, 1300).Select(i => (double)i), N(window.Training));
        Assert.Equal(500, window.OriginalRows);
        Assert.Equal(800, window.RecentRows);
    }

    [Fact]
    public void OriginalPlusRecent_RepeatsEachRecentRowByItsWeight()
    {
        var window = TrainingWindow.Build(Policy("original_plus_recent", recent: 100, weight: 3), Rows(0, 1000), original: Rows(-50, 50));

        var n = N(window.Training);
        Assert.Equal(50 + 300, n.Length);
        Assert.Equal(Enumerable.Range(-50, 50).Select(i => (double)i), n[..50]);
        Assert.All(Enumerable.Range(700, 100), i => Assert.Equal(3, n.Count(v => v == i)));
        Assert.Equal(["no", "yes"], ((CategoricalColumn)window.Training["y"]).Categories.Order());
        Assert.Contains("each recent row counted 3 times (repeated, as the trainers take no row weights)", window.Description);
    }

    [Fact]
    public void OriginalPlusRecent_WithoutTheOriginalData_IsRefusedWithWhatToDo()
    {
        var e = Assert.Throws<KeelDataException>(() => TrainingWindow.Build(Policy("original_plus_recent"), Rows(0, 1000)));

        Assert.Contains("--original", e.Message);
    }

    [Fact]
    public void TooFewLabelledRows_AreRefusedWithTheCounts()
    {
        var e = Assert.Throws<KeelDataException>(() => TrainingWindow.Build(Policy("sliding"), Rows(0, 250)));

        Assert.Equal("Too few labelled rows: 250, of which the policy holds out 200 (challenger.evaluation_rows) for the comparison, leaving 50 to train on; at least 100 are needed. Wait for more labels or lower evaluation_rows.", e.Message);
    }
}

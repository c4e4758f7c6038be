using Keel.Anomaly.Streaming;

namespace Keel.Anomaly.Tests.Streaming;

public class HalfSpaceTreesTests
{
    private static readonly double[] RiverStream = [0.5, 0.45, 0.43, 0.44, 0.445, 0.45, 0.0];

    private static HalfSpaceTrees RiverExampleTrees() => new(new HalfSpaceTreesOptions { Trees = 5, Height = 3, WindowSize = 3, Seed = 42 });

    /// <summary>
    /// River's docstring example (online-ml/river, river/anomaly/hst.py, HalfSpaceTrees): n_trees=5, height=3,
    /// window_size=3, seed=42; three points to warm up, then learn each point and print its score.
    /// </summary>
    [Fact]
    public void RiverDocstringExample_PrintsRiversScores()
    {
        var hst = RiverExampleTrees();
        foreach (var x in RiverStream[..3]) hst.Learn([x]);

        var printed = new List<string>();
        foreach (var x in RiverStream)
        {
            hst.Learn([x]);
            printed.Add($"Anomaly score for x={x:0.000}: {hst.Score([x]):0.000}");
        }

        Assert.Equal(
        [
            "Anomaly score for x=0.500: 0.107",
            "Anomaly score for x=0.450: 0.071",
            "Anomaly score for x=0.430: 0.107",
            "Anomaly score for x=0.440: 0.107",
            "Anomaly score for x=0.445: 0.107",
            "Anomaly score for x=0.450: 0.071",
            "Anomaly score for x=0.000: 0.853",
        ], printed);
    }

    [Fact]
    public void Scores_AreZeroDuringTheFirstWindow_ThenInZeroToOne()
    {
        var hst = new HalfSpaceTrees(new HalfSpaceTreesOptions { WindowSize = 20, Seed = 1 });
        for (var i = 0; i < 19; i++)
        {
            hst.Learn([0.3 + 0.01 * (i % 5)]);
            Assert.Equal(0.0, hst.Score([0.3]));
        }
        hst.Learn([0.32]);

        Assert.False(hst.InFirstWindow);
        var usual = hst.Score([0.32]);
        var unusual = hst.Score([0.95]);
        Assert.InRange(usual, 0.0, 1.0);
        Assert.InRange(unusual, 0.0, 1.0);
        Assert.True(unusual > usual + 0.3, $"a value far from every learned one scores {unusual}, a usual one {usual}");
    }

    [Fact]
    public void Reset_DrawsTheSameTreesAgain()
    {
        var hst = RiverExampleTrees();
        var first = Run(hst);
        hst.Reset();

        Assert.Equal(first, Run(hst));
        Assert.NotEqual(first, Run(new HalfSpaceTrees(new HalfSpaceTreesOptions { Trees = 5, Height = 3, WindowSize = 3, Seed = 43 })));

        static double[] Run(HalfSpaceTrees hst) => RiverStream.Select(x => { hst.Learn([x]); return hst.Score([x]); }).ToArray();
    }

    [Fact]
    public void Limits_ScaleTheSplitsToEachFeaturesRange()
    {
        // The same stream stretched to [0, 100] with limits (0, 100) scores as the [0, 1] stream with the default limits.
        var unit = RiverExampleTrees();
        var stretched = new HalfSpaceTrees(new HalfSpaceTreesOptions { Trees = 5, Height = 3, WindowSize = 3, Seed = 42, Limits = [(0.0, 100.0)] });
        foreach (var x in RiverStream)
        {
            unit.Learn([x]);
            stretched.Learn([100 * x]);
            Assert.Equal(unit.Score([x]), stretched.Score([100 * x]), 12);
        }
    }

    [Fact]
    public void APointOfAnotherWidth_IsRefusedWithBothWidths()
    {
        var hst = new HalfSpaceTrees();
        hst.Learn([0.1, 0.2]);

        var e = Assert.Throws<ArgumentException>(() => hst.Learn([0.1]));
        Assert.Contains("2 features; this point has 1", e.Message);
    }

    [Fact]
    public void BadOptions_AreAllListedAtOnce()
    {
        var e = Assert.Throws<ArgumentException>(() => new HalfSpaceTrees(new HalfSpaceTreesOptions { Trees = 0, Height = 30, WindowSize = 0, Limits = [(1.0, 1.0)] }));

        Assert.Contains("n_trees", e.Message);
        Assert.Contains("height", e.Message);
        Assert.Contains("window_size", e.Message);
        Assert.Contains("limits[0]", e.Message);
    }
}

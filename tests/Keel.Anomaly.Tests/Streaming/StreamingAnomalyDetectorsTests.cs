using Keel.Anomaly.Streaming;

namespace Keel.Anomaly.Tests.Streaming;

public class StreamingAnomalyDetectorsTests
{
    [Fact]
    public void Create_AppliesSettingsByTheirCommandLineNames()
    {
        var seasonal = (RobustSeasonalBaseline)StreamingAnomalyDetectors.Create("seasonal", new Dictionary<string, string> { ["season"] = "hour-of-week", ["window"] = "30", ["outlier_z"] = "4" });
        var trees = (SeriesHalfSpaceTrees)StreamingAnomalyDetectors.Create("hst", new Dictionary<string, string> { ["n_trees"] = "3", ["height"] = "4", ["window_size"] = "20", ["seed"] = "7", ["shingle"] = "2" });

        Assert.Equal(new RobustSeasonalBaselineOptions { Seasonality = Seasonality.HourOfWeek, Window = 30, OutlierZ = 4 }, seasonal.Options);
        Assert.Equal(new HalfSpaceTreesOptions { Trees = 3, Height = 4, WindowSize = 20, Seed = 7 }, trees.Options.Trees);
        Assert.Equal(2, trees.Options.Shingle);
    }

    [Fact]
    public void APeriodAlone_MeansASeasonOfThatManyPoints()
    {
        var seasonal = (RobustSeasonalBaseline)StreamingAnomalyDetectors.Create("seasonal", new Dictionary<string, string> { ["period"] = "288" });

        Assert.Equal(Seasonality.Points, seasonal.Options.Seasonality);
        Assert.Equal(288, seasonal.Options.Period);
    }

    [Fact]
    public void UnknownNamesSettingsAndValues_AreAllNamed()
    {
        var unknown = Assert.Throws<ArgumentException>(() => StreamingAnomalyDetectors.Create("isolation"));
        Assert.Contains("seasonal, hst", unknown.Message);

        var e = Assert.Throws<ArgumentException>(() => StreamingAnomalyDetectors.Create("seasonal", new Dictionary<string, string> { ["trees"] = "3", ["window"] = "many", ["season"] = "monthly" }));
        Assert.Contains("no setting 'trees'", e.Message);
        Assert.Contains("window=many: window takes a whole number", e.Message);
        Assert.Contains("season=monthly", e.Message);
    }
}

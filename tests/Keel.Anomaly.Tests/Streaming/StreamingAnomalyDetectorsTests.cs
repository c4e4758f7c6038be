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

    [Fact]
    public void Gaussian_TakesItsSettings_AndQuietWrapsAnyDetector()
    {
        var gaussian = (WindowedGaussian)StreamingAnomalyDetectors.Create("gaussian", new Dictionary<string, string> { ["window"] = "500", ["warm_up"] = "30", ["input"] = "change" });
        var quiet = (AlarmSuppression)StreamingAnomalyDetectors.Create("hst", new Dictionary<string, string> { ["quiet"] = "100", ["n_trees"] = "3" });

        Assert.Equal(new WindowedGaussianOptions { Window = 500, WarmUp = 30, Input = GaussianInput.Change }, gaussian.Options);
        Assert.Equal(100, quiet.Quiet);
        Assert.Equal("hst", quiet.Name);
        Assert.Equal(3, ((SeriesHalfSpaceTrees)quiet.Inner).Options.Trees.Trees);
        Assert.IsType<RobustSeasonalBaseline>(StreamingAnomalyDetectors.Create("seasonal", new Dictionary<string, string> { ["quiet"] = "0" }));
        Assert.Equal(["window", "warm_up", "input", "quiet"], StreamingAnomalyDetectors.Settings("gaussian"));
    }

    [Fact]
    public void ABadQuiet_IsNamedTogetherWithTheDetectorsOwnProblems()
    {
        var e = Assert.Throws<ArgumentException>(() => StreamingAnomalyDetectors.Create("gaussian", new Dictionary<string, string> { ["quiet"] = "-3", ["window"] = "2", ["input"] = "level" }));

        Assert.StartsWith("gaussian: ", e.Message);
        Assert.Contains("quiet=-3: quiet takes a whole number of points", e.Message);
        Assert.Contains("input=level: input takes value or change", e.Message);
        Assert.Contains("seasonal, hst, gaussian", Assert.Throws<ArgumentException>(() => StreamingAnomalyDetectors.Create("isolation")).Message);
    }
}

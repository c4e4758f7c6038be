using Keel.Monitoring.Streaming;

namespace Keel.Monitoring.Tests.Streaming;

public class DriftDetectorsTests
{
    [Fact]
    public void Create_EveryNameBuildsTheDetectorOfThatName()
    {
        foreach (var name in DriftDetectors.Names)
            Assert.Equal(name, DriftDetectors.Create(name).Name);
    }

    [Fact]
    public void Create_ParametersTakeRiversNamesAndChangeTheDetector()
    {
        var stream = RiverExample.Stream("streaming_seed12345_two_distributions.json");

        var kswin = DriftDetectors.Create("kswin", new Dictionary<string, string> { ["alpha"] = "0.0001", ["seed"] = "42" });
        var eddm = DriftDetectors.Create("eddm", new Dictionary<string, string> { ["alpha"] = "0.8", ["beta"] = "0.75", ["warm_start"] = "30" });

        Assert.Equal([1016], DriftRun.Over(kswin, stream).DriftIndices);
        Assert.Equal([1278], DriftRun.Over(eddm, RiverExample.Stream("streaming_seed42_error_rate_increase.json")).DriftIndices);
        Assert.IsType<PageHinkley>(DriftDetectors.Create("page-hinkley", new Dictionary<string, string> { ["mode"] = "up", ["threshold"] = "20" }));
        Assert.IsType<HddmA>(DriftDetectors.Create("hddm-a", new Dictionary<string, string> { ["two_sided_test"] = "true" }));
    }

    [Fact]
    public void Create_AnUnknownDetectorIsRefusedWithTheNames()
    {
        var error = Assert.Throws<ArgumentException>(() => DriftDetectors.Create("cusum"));

        Assert.Contains("There is no drift detector 'cusum'; the detectors are adwin, ddm, eddm, page-hinkley, kswin, hddm-a.", error.Message);
    }

    [Fact]
    public void Create_EveryBadParameterIsNamedWithItsValueAndWhatIsAllowed_InOneError()
    {
        var error = Assert.Throws<ArgumentException>(() => DriftDetectors.Create("adwin", new Dictionary<string, string>
        {
            ["delta"] = "2",
            ["clock"] = "often",
            ["window"] = "10",
            ["grace_period"] = "-1",
        }));

        Assert.Contains("adwin has no parameter 'window'; its parameters are delta, clock, max_buckets, min_window_length, grace_period.", error.Message);
        Assert.Contains("clock=often: clock takes a whole number.", error.Message);
        Assert.Contains("delta must be between 0 and 1 (both excluded); it is 2.", error.Message);
        Assert.Contains("grace_period must be at least 0; it is -1.", error.Message);
    }

    [Fact]
    public void Create_AModeOutsideUpDownBothIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => DriftDetectors.Create("page-hinkley", new Dictionary<string, string> { ["mode"] = "sideways" }));

        Assert.Contains("mode=sideways: mode takes up, down or both.", error.Message);
    }
}

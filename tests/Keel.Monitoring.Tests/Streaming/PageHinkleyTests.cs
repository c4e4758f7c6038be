using Keel.Monitoring.Streaming;

namespace Keel.Monitoring.Tests.Streaming;

public class PageHinkleyTests
{
    /// <summary>
    /// river/drift/page_hinkley.py, Examples: PageHinkley() on the stream of the ADWIN example (random.Random(12345))
    /// prints "Change detected at index 1006, input value: 5". The same loop is the example in PageHinkley's XML docs.
    /// </summary>
    [Fact]
    public void DocstringExample_DetectsTheChangeAtIndex1006AsRiverPrints()
    {
        var stream = RiverExample.Stream("streaming_seed12345_two_distributions.json");

        var printed = RiverExample.Printed(new PageHinkley(), stream, warnings: false);

        Assert.Equal(["Change detected at index 1006"], printed);
        Assert.Equal(5, stream[1006]);
    }

    /// <summary>river/drift/test_drift_detectors.py, test_page_hinkley: on data_stream_3, mode "up" gives [588, 1681], "down" [1172], "both" [588, 1097, 1585].</summary>
    [Theory]
    [InlineData(PageHinkleyMode.Up, new long[] { 588, 1681 })]
    [InlineData(PageHinkleyMode.Down, new long[] { 1172 })]
    [InlineData(PageHinkleyMode.Both, new long[] { 588, 1097, 1585 })]
    public void RiverTestModuleStream_EachModeDetectsAtRiversIndices(PageHinkleyMode mode, long[] expected)
    {
        var run = DriftRun.Over(new PageHinkley(new PageHinkleyOptions { Mode = mode }), RiverExample.TestModuleStream("data_stream_3"));

        Assert.Equal(expected, run.DriftIndices);
    }

    [Fact]
    public void Options_EveryBadOneIsListedInOneError()
    {
        var error = Assert.Throws<ArgumentException>(() => new PageHinkley(new PageHinkleyOptions { MinInstances = 0, Delta = -1, Threshold = 0, Alpha = 1.5, Mode = (PageHinkleyMode)7 }));

        Assert.Contains("min_instances must be at least 1; it is 0.", error.Message);
        Assert.Contains("delta must be a number at least 0; it is -1.", error.Message);
        Assert.Contains("threshold must be a positive number; it is 0.", error.Message);
        Assert.Contains("alpha must be above 0 and at most 1; it is 1.5.", error.Message);
        Assert.Contains("mode must be up, down or both; it is 7.", error.Message);
    }
}

using Keel.Monitoring.Streaming;

namespace Keel.Monitoring.Tests.Streaming;

public class EddmTests
{
    /// <summary>
    /// river/drift/binary/eddm.py, Examples: EDDM(alpha=0.8, beta=0.75) on the stream of the DDM example
    /// (random.Random(42)) prints "Warning detected at index 1059", "Change detected at index 1278". The same loop is
    /// the example in Eddm's XML docs.
    /// </summary>
    [Fact]
    public void DocstringExample_PrintsRiversWarningAndChange()
    {
        var stream = RiverExample.Stream("streaming_seed42_error_rate_increase.json");

        var printed = RiverExample.Printed(new Eddm(new EddmOptions { Alpha = 0.8, Beta = 0.75 }), stream, warnings: true);

        Assert.Equal(["Warning detected at index 1059", "Change detected at index 1278"], printed);
    }

    /// <summary>river/drift/test_drift_detectors.py, test_eddm: EDDM(alpha=0.9, beta=0.8) on data_stream_2 gives [1059].</summary>
    [Fact]
    public void RiverTestModuleStream_DetectsAtRiversIndex()
    {
        var run = DriftRun.Over(new Eddm(new EddmOptions { Alpha = 0.9, Beta = 0.8 }), RiverExample.TestModuleStream("data_stream_2"));

        Assert.Equal([1059], run.DriftIndices);
    }

    [Fact]
    public void Options_EveryBadOneIsListedInOneError()
    {
        var error = Assert.Throws<ArgumentException>(() => new Eddm(new EddmOptions { WarmStart = -3, Alpha = 0.5, Beta = 1.5 }));

        Assert.Contains("warm_start must be at least 0; it is -3.", error.Message);
        Assert.Contains("beta must be above 0 and at most 1; it is 1.5.", error.Message);
        Assert.Contains("alpha (0.5) must be at least beta (1.5)", error.Message);
    }

    [Fact]
    public void Update_OnlyZeroAndOneAreTaken()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Eddm().Update(0.5));
    }
}

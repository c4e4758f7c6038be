using Keel.Monitoring.Streaming;

namespace Keel.Monitoring.Tests.Streaming;

public class DdmTests
{
    /// <summary>
    /// river/drift/binary/ddm.py, Examples: rng = random.Random(42); 1,000 fair draws from [0, 1], then 1,000 with
    /// weights [0.3, 0.7]; DDM() prints "Warning detected at index 1084", "Change detected at index 1334",
    /// "Warning detected at index 1492". The same loop is the example in Ddm's XML docs.
    /// </summary>
    [Fact]
    public void DocstringExample_PrintsRiversWarningsAndChange()
    {
        var stream = RiverExample.Stream("streaming_seed42_error_rate_increase.json");

        var printed = RiverExample.Printed(new Ddm(), stream, warnings: true);

        Assert.Equal(["Warning detected at index 1084", "Change detected at index 1334", "Warning detected at index 1492"], printed);
    }

    /// <summary>river/drift/test_drift_detectors.py, test_ddm: data_stream_2 (NumPy binomial 0.2 then 0.8) gives [1049]; np.ones(1000) gives [].</summary>
    [Fact]
    public void RiverTestModuleStreams_DetectAtRiversIndices()
    {
        Assert.Equal([1049], DriftRun.Over(new Ddm(), RiverExample.TestModuleStream("data_stream_2")).DriftIndices);
        Assert.Empty(DriftRun.Over(new Ddm(), Enumerable.Repeat(1.0, 1000)).DriftIndices);
    }

    [Fact]
    public void Options_EveryBadOneIsListedInOneError()
    {
        var error = Assert.Throws<ArgumentException>(() => new Ddm(new DdmOptions { WarmStart = -1, WarningThreshold = 0, DriftThreshold = double.NaN }));

        Assert.Contains("warm_start must be at least 0; it is -1.", error.Message);
        Assert.Contains("warning_threshold must be a positive number; it is 0.", error.Message);
        Assert.Contains("drift_threshold must be a positive number; it is NaN.", error.Message);
    }

    [Fact]
    public void Update_AValueOutsideZeroToOneIsRefusedWithWhatItTakes()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Ddm().Update(2));

        Assert.Contains("give 1 for an error and 0 for a correct prediction", error.Message);
    }
}

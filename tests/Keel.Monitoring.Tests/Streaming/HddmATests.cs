using Keel.Monitoring.Streaming;

namespace Keel.Monitoring.Tests.Streaming;

public class HddmATests
{
    /// <summary>
    /// river/drift/binary/hddm_a.py, Examples: HDDM_A() on the stream of the DDM example (random.Random(42)) prints
    /// "Warning detected at index 451", "Change detected at index 1206". The same loop is the example in HddmA's XML docs.
    /// </summary>
    [Fact]
    public void DocstringExample_PrintsRiversWarningAndChange()
    {
        var stream = RiverExample.Stream("streaming_seed42_error_rate_increase.json");

        var printed = RiverExample.Printed(new HddmA(), stream, warnings: true);

        Assert.Equal(["Warning detected at index 451", "Change detected at index 1206"], printed);
    }

    /// <summary>
    /// river/drift/test_drift_detectors.py, test_hddm_a: HDDM_A() on data_stream_2 gives [1047];
    /// HDDM_A(two_sided_test=True) on data_stream_3 (NumPy normals thresholded at 0, four blocks) gives [531, 1015, 1545].
    /// </summary>
    [Fact]
    public void RiverTestModuleStreams_DetectAtRiversIndices_OneAndTwoSided()
    {
        Assert.Equal([1047], DriftRun.Over(new HddmA(), RiverExample.TestModuleStream("data_stream_2")).DriftIndices);
        Assert.Equal([531, 1015, 1545], DriftRun.Over(new HddmA(new HddmAOptions { TwoSidedTest = true }), RiverExample.TestModuleStream("data_stream_3")).DriftIndices);
    }

    [Fact]
    public void Options_EveryBadOneIsListedInOneError()
    {
        var error = Assert.Throws<ArgumentException>(() => new HddmA(new HddmAOptions { DriftConfidence = 0, WarningConfidence = 1 }));

        Assert.Contains("drift_confidence must be between 0 and 1 (both excluded); it is 0.", error.Message);
        Assert.Contains("warning_confidence must be between 0 and 1 (both excluded); it is 1.", error.Message);
    }
}

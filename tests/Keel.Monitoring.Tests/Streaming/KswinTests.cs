using Keel.Monitoring.Streaming;

namespace Keel.Monitoring.Tests.Streaming;

public class KswinTests
{
    /// <summary>
    /// river/drift/kswin.py, Examples: KSWIN(alpha=0.0001, seed=42) on the stream of the ADWIN example
    /// (random.Random(12345)) prints "Change detected at index 1016, input value: 6". Keel draws with CPython's
    /// random.Random(42) and tests with SciPy's exact ks_2samp, so the seed means what it means in River. The same
    /// loop is the example in Kswin's XML docs.
    /// </summary>
    [Fact]
    public void DocstringExample_DetectsTheChangeAtIndex1016AsRiverPrints()
    {
        var stream = RiverExample.Stream("streaming_seed12345_two_distributions.json");

        var printed = RiverExample.Printed(new Kswin(new KswinOptions { Alpha = 0.0001, Seed = 42 }), stream, warnings: false);

        Assert.Equal(["Change detected at index 1016"], printed);
        Assert.Equal(6, stream[1016]);
    }

    /// <summary>river/drift/test_drift_detectors.py, test_kswin: KSWIN(alpha=0.0001, window_size=200, stat_size=100, seed=42) on data_stream_1 gives [1042].</summary>
    [Fact]
    public void RiverTestModuleStream_DetectsAtRiversIndex()
    {
        var kswin = new Kswin(new KswinOptions { Alpha = 0.0001, WindowSize = 200, StatSize = 100, Seed = 42 });

        Assert.Equal([1042], DriftRun.Over(kswin, RiverExample.TestModuleStream("data_stream_1")).DriftIndices);
    }

    /// <summary>
    /// Keel's own seeded behaviour, pinned: with River's other defaults, seed 0 (Keel's default) finds drifts at 1012
    /// and 1437 of the ADWIN example's stream (the second a false alarm inside the second block) and seed 7 at 1013.
    /// These are recorded from Keel, not taken from River (whose documented run uses seed 42 and alpha 0.0001), to
    /// catch any change to the draws or the test; the same seed gives the same drifts.
    /// </summary>
    [Fact]
    public void SameSeed_GivesTheSameDrifts_AndTheseAreKeelsForSeeds0And7()
    {
        var stream = RiverExample.Stream("streaming_seed12345_two_distributions.json");

        var seed0 = DriftRun.Over(new Kswin(new KswinOptions { Seed = 0 }), stream).DriftIndices;
        var seed0Again = DriftRun.Over(new Kswin(new KswinOptions { Seed = 0 }), stream).DriftIndices;
        var seed7 = DriftRun.Over(new Kswin(new KswinOptions { Seed = 7 }), stream).DriftIndices;

        Assert.Equal(seed0, seed0Again);
        Assert.Equal(KeelSeed0, seed0);
        Assert.Equal(KeelSeed7, seed7);
    }

    private static readonly long[] KeelSeed0 = [1012, 1437];
    private static readonly long[] KeelSeed7 = [1013];

    [Fact]
    public void Options_EveryBadOneIsListedInOneError()
    {
        var error = Assert.Throws<ArgumentException>(() => new Kswin(new KswinOptions { Alpha = 1.1, WindowSize = 50, StatSize = 30 }));

        Assert.Contains("alpha must be between 0 and 1; it is 1.1.", error.Message);
        Assert.Contains("window_size must be at least twice stat_size (60)", error.Message);
        Assert.Contains("it is 50.", error.Message);
    }

    [Fact]
    public void Options_StatSizeBeyondTheExactTestIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Kswin(new KswinOptions { WindowSize = 30_000, StatSize = 10_001 }));

        Assert.Contains("stat_size must be between 1 and 10000; it is 10001.", error.Message);
    }
}

using Keel.Monitoring.Streaming;

namespace Keel.Monitoring.Tests.Streaming;

public class AdwinTests
{
    /// <summary>
    /// river/drift/adwin.py, Examples: rng = random.Random(12345); 1,000 draws from [0, 1] then 1,000 from range(4, 8);
    /// ADWIN() prints "Change detected at index 1023, input value: 4". The same loop is the example in Adwin's XML docs.
    /// </summary>
    [Fact]
    public void DocstringExample_DetectsTheChangeAtIndex1023AsRiverPrints()
    {
        var stream = RiverExample.Stream("streaming_seed12345_two_distributions.json");

        var printed = RiverExample.Printed(new Adwin(), stream, warnings: false);

        Assert.Equal(["Change detected at index 1023"], printed);
        Assert.Equal(4, stream[1023]);
    }

    /// <summary>river/drift/test_adwin_regression.py, test_multiple_drifts: random.Random(42), four blocks of 1,000; [1023, 2015, 3007].</summary>
    [Fact]
    public void FourBlocks_DetectEachChangeAtRiversRegressionIndices()
    {
        var stream = RiverExample.Stream("streaming_seed42_four_segments.json");

        var run = DriftRun.Over(new Adwin(), stream);

        Assert.Equal([1023, 2015, 3007], run.DriftIndices);
    }

    /// <summary>river/drift/test_drift_detectors.py, test_adwin: NumPy's seed 12345, data_stream_1; [1023].</summary>
    [Fact]
    public void RiverTestModuleStream_DetectsAtRiversIndex()
    {
        var run = DriftRun.Over(new Adwin(), RiverExample.TestModuleStream("data_stream_1"));

        Assert.Equal([1023], run.DriftIndices);
    }

    /// <summary>river/drift/test_adwin_regression.py: test_no_drift_constant_stream and test_reset_on_drift_detected.</summary>
    [Fact]
    public void ConstantStream_NeverDrifts_AndTheUpdateAfterADriftStartsAnEmptyWindow()
    {
        var adwin = new Adwin(new AdwinOptions { Clock = 1 });
        for (var i = 0; i < 5000; i++)
        {
            adwin.Update(1.0);
            Assert.False(adwin.DriftDetected);
        }

        adwin.Reset();
        for (var i = 0; i < 500; i++) adwin.Update(0.0);
        var drifted = false;
        for (var i = 0; i < 500 && !drifted; i++)
        {
            adwin.Update(100.0);
            drifted = adwin.DriftDetected;
        }
        Assert.True(drifted);
        adwin.Update(50.0);
        Assert.Equal(1, adwin.Width);
        Assert.Equal(50.0, adwin.Estimation);
    }

    /// <summary>test_adwin_regression.py, test_variance_correctness's quantity: the window keeps every value until a cut, and its mean.</summary>
    [Fact]
    public void Window_HoldsEveryValueAndTheirMean_UntilACut()
    {
        var adwin = new Adwin(new AdwinOptions { Clock = 1_000_000 });
        var values = Enumerable.Range(0, 200).Select(i => (double)(i % 7)).ToArray();
        foreach (var v in values) adwin.Update(v);

        Assert.Equal(200, adwin.Width);
        Assert.Equal(values.Average(), adwin.Estimation, 12);
    }

    [Fact]
    public void Options_EveryBadOneIsListedInOneError()
    {
        var error = Assert.Throws<ArgumentException>(() => new Adwin(new AdwinOptions { Delta = 0, Clock = 0, MaxBuckets = 0, MinWindowLength = 0, GracePeriod = -1 }));

        Assert.Contains("delta must be between 0 and 1 (both excluded); it is 0.", error.Message);
        Assert.Contains("clock must be at least 1; it is 0.", error.Message);
        Assert.Contains("max_buckets must be at least 1; it is 0.", error.Message);
        Assert.Contains("min_window_length must be at least 1; it is 0.", error.Message);
        Assert.Contains("grace_period must be at least 0; it is -1.", error.Message);
    }

    [Fact]
    public void Update_NaNIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adwin().Update(double.NaN));
    }
}

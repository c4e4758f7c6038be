using Keel.Monitoring.Streaming;

namespace Keel.Monitoring.Tests.Streaming;

public class DriftRunTests
{
    [Fact]
    public void Over_RecordsEveryWarningAndDriftPosition_AndTheLength()
    {
        var stream = RiverExample.Stream("streaming_seed42_error_rate_increase.json");

        var run = DriftRun.Over(new Ddm(), stream);

        Assert.Equal("ddm", run.Detector);
        Assert.Equal(2000, run.Length);
        Assert.Equal([1334], run.DriftIndices);
        Assert.Equal(1084, run.WarningIndices[0]);
        Assert.Contains(1492L, run.WarningIndices);
        Assert.DoesNotContain(1334L, run.WarningIndices);
    }

    public static TheoryData<string> Detectors() => [.. DriftDetectors.Names];

    /// <summary>Reset returns a detector to the state it was built in: a second pass over the same stream signals at the same positions.</summary>
    [Theory]
    [MemberData(nameof(Detectors))]
    public void Reset_ASecondPassSignalsAtTheSamePositions(string name)
    {
        var stream = RiverExample.Stream("streaming_seed42_error_rate_increase.json");
        var detector = DriftDetectors.Create(name);

        var first = DriftRun.Over(detector, stream);
        detector.Reset();
        var second = DriftRun.Over(detector, stream);

        Assert.NotEmpty(first.DriftIndices);
        Assert.Equal(first.DriftIndices, second.DriftIndices);
        Assert.Equal(first.WarningIndices, second.WarningIndices);
    }

    /// <summary>A property, not a River number: no detector signals anything on a constant stream.</summary>
    [Theory]
    [MemberData(nameof(Detectors))]
    public void ConstantStream_SignalsNothing(string name)
    {
        var run = DriftRun.Over(DriftDetectors.Create(name), Enumerable.Repeat(0.0, 3000));

        Assert.Empty(run.DriftIndices);
        Assert.Empty(run.WarningIndices);
    }
}

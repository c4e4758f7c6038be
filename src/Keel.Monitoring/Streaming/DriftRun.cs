namespace Keel.Monitoring.Streaming;

/// <summary>
/// What a detector signalled over a stream: the 0-based positions of the values after which it was in its warning
/// zone, and of those after which it detected a drift (what <c>keel monitor --stream</c> reports).
/// </summary>
/// <param name="Detector">The detector's command-line name.</param>
/// <param name="Length">The number of values the detector took.</param>
/// <param name="WarningIndices">Every position after which <see cref="IDriftDetector.WarningDetected"/> was true.</param>
/// <param name="DriftIndices">Every position after which <see cref="IDriftDetector.DriftDetected"/> was true.</param>
public sealed record DriftRun(string Detector, long Length, IReadOnlyList<long> WarningIndices, IReadOnlyList<long> DriftIndices)
{
    /// <summary>Feeds the stream to the detector, value by value, from the state it is in.</summary>
    public static DriftRun Over(IDriftDetector detector, IEnumerable<double> stream)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(stream);
        var warnings = new List<long>();
        var drifts = new List<long>();
        long index = 0;
        foreach (var x in stream)
        {
            detector.Update(x);
            if (detector.WarningDetected) warnings.Add(index);
            if (detector.DriftDetected) drifts.Add(index);
            index++;
        }
        return new DriftRun(detector.Name, index, warnings, drifts);
    }
}

namespace Keel.Monitoring.Streaming;

/// <summary>
/// River's <c>stats.Mean</c>, with its count kept as a double and its update written as River's
/// (mean += (1 / n)(x − mean)), so that detectors built on it compare the same floating-point numbers River does.
/// </summary>
internal struct RunningMean
{
    public double Count { get; private set; }

    public double Mean { get; private set; }

    public void Update(double x)
    {
        Count += 1.0;
        Mean += 1.0 / Count * (x - Mean);
    }
}

namespace Keel.Anomaly.Nab;

/// <summary>
/// One scored row of a series, NAB's <c>AnomalyPoint</c>: the detector's anomaly score, the NAB score the row earns if
/// it is a detection (positive inside a window, negative outside), and the window it belongs to: a name unique in the
/// corpus, null outside every window, or <see cref="Probationary"/> in the probationary period (never scored).
/// </summary>
public readonly record struct NabPoint(DateTime Timestamp, double AnomalyScore, double SweepScore, string? Window)
{
    /// <summary>The window name of a row in the probationary period.</summary>
    public const string Probationary = "probationary";
}

namespace Keel.Anomaly.Nab;

/// <summary>A labelled anomaly window of a NAB series: its first and last timestamps, both included.</summary>
public sealed record NabWindow(DateTime Start, DateTime End);

namespace Keel.Anomaly.Streaming;

/// <summary>One observation of a time series: when it was taken (UTC) and its value.</summary>
public readonly record struct SeriesPoint(DateTime Timestamp, double Value);

namespace Keel.Lifecycle.Retraining;

/// <summary>A metric's value on the comparison rows and its 95 % percentile bootstrap interval.</summary>
public sealed record MetricEstimate(double Value, double Lower, double Upper);

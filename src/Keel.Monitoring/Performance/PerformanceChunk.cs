namespace Keel.Monitoring.Performance;

/// <summary>
/// One window of rows and how the model did on it: <see cref="Metrics"/> are estimated (CBPE, without labels) or
/// realized (with labels); <see cref="Band"/> is the range the reference's windows of the same size kept to (mean ± a
/// multiple of their standard deviation); a metric outside its band on the bad side is in <see cref="Alerts"/>.
/// </summary>
public sealed record PerformanceChunk(
    int Index,
    int Start,
    int Rows,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, double>? Realized,
    IReadOnlyDictionary<string, (double Lower, double Upper)> Band,
    IReadOnlyList<string> Alerts);

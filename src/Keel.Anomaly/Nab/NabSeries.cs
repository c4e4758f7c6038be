namespace Keel.Anomaly.Nab;

/// <summary>A labelled NAB series: its name (e.g. <c>realKnownCause/nyc_taxi.csv</c>), its rows' timestamps and its anomaly windows.</summary>
public sealed record NabSeries(string Name, IReadOnlyList<DateTime> Timestamps, IReadOnlyList<NabWindow> Windows);

using Keel.Monitoring.Drift;
using Keel.Monitoring.Multivariate;
using Keel.Monitoring.Performance;
using Keel.Monitoring.Quality;

namespace Keel.Monitoring;

/// <summary>
/// What <see cref="ModelMonitor"/> found in the current rows, window by window: data quality against the reference,
/// the performance realized where labels came with the rows, and the performance CBPE estimates without them.
/// <see cref="Notes"/> says what could not be computed and what to add to get it.
/// </summary>
public sealed record MonitoringResult(
    string Label,
    string Task,
    int Rows,
    int Window,
    IReadOnlyList<DataQualityResult> Quality,
    IReadOnlyList<PerformanceChunk> Realized,
    IReadOnlyList<PerformanceChunk> Estimated,
    IReadOnlyList<string> Notes)
{
    /// <summary>Data drift per input column over all the current rows; null when no column could be tested.</summary>
    public DatasetDriftResult? Drift { get; init; }

    /// <summary>The same tests per window, for drift over time.</summary>
    public IReadOnlyList<DatasetDriftResult> DriftWindows { get; init; } = [];

    /// <summary>For up to six drifted columns, most drifted first: both distributions on common bins (Evidently's binning), for overlays.</summary>
    public IReadOnlyDictionary<string, DriftBins> Distributions { get; init; } = new Dictionary<string, DriftBins>();

    /// <summary>"exact" against reference rows, "profile" against a sketch of the bundle's profile.</summary>
    public string DriftMode { get; init; } = "";

    /// <summary>PCA reconstruction error per window against the reference rows (NannyML's multivariate drift); empty without reference rows.</summary>
    public IReadOnlyList<ReconstructionChunk> Reconstruction { get; init; } = [];

    /// <summary>Whether a classifier can tell the current rows from the reference rows; null without reference rows.</summary>
    public DomainClassifierResult? Domain { get; init; }

    /// <summary>
    /// The business KPI whose value per decision the windows carry (<see cref="Keel.Learn.Decisions.DecisionValue.MetricName"/>
    /// in their metrics); null when none was given.
    /// </summary>
    public Keel.Learn.Decisions.DecisionValue? Value { get; init; }

    /// <summary>Windows whose realized or estimated performance left the reference's band.</summary>
    public IReadOnlyList<PerformanceChunk> PerformanceAlerts =>
        Realized.Concat(Estimated).Where(c => c.Alerts.Count > 0).ToArray();
}

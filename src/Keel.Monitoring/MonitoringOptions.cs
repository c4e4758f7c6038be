using Keel.Monitoring.Drift;
using Keel.Monitoring.Quality;

namespace Keel.Monitoring;

/// <summary>Options of <see cref="ModelMonitor"/>.</summary>
public sealed record MonitoringOptions
{
    /// <summary>Rows per window (chunk) of the current data. The default value is 1,000. Range 10 to 10,000,000.</summary>
    public int Window { get; init; } = 1000;

    /// <summary>When a data-quality change is a problem.</summary>
    public DataQualityOptions Quality { get; init; } = new();

    /// <summary>Performance alert bands: the reference windows' mean ± this many standard deviations. The default value is 3.</summary>
    public double BandWidth { get; init; } = 3;

    /// <summary>
    /// The drift tests: per-column test and threshold overrides, correction, the drifted share that makes the data set
    /// drifted. Its column list is ignored: the model's input columns are tested.
    /// </summary>
    public DatasetDriftOptions Drift { get; init; } = new();

    /// <summary>
    /// With reference rows: the PCA reconstruction error per window and the domain classifier over all current rows
    /// (a few seconds at 10,000 rows). The default value is true.
    /// </summary>
    public bool Multivariate { get; init; } = true;

    /// <summary>
    /// A binary classifier's business KPI (a bundle's <c>Decision.Value</c>): when set, each window's value per decision
    /// is realized from the labels and estimated by CBPE without them. The default value is null.
    /// </summary>
    public Keel.Learn.Decisions.DecisionValue? Value { get; init; }

    /// <summary>Seed of the domain classifier's sampling and folds. The default value is 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Every problem with the options, in one message; null when they are valid.</summary>
    public string? Problems()
    {
        var problems = new List<string>();
        if (Window is < 10 or > 10_000_000) problems.Add($"Window must be 10 to 10,000,000 rows; it is {Window}.");
        if (!(BandWidth > 0 && BandWidth <= 10)) problems.Add($"BandWidth must be above 0 and at most 10; it is {BandWidth}.");
        if (Quality.Problems() is { } quality) problems.Add(quality);
        problems.AddRange(Drift.Validate());
        if (Value?.Problems() is { } value) problems.Add($"Value: {value}");
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }
}

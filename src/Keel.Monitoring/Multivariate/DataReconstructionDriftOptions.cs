namespace Keel.Monitoring.Multivariate;

/// <summary>Options of <see cref="DataReconstructionDrift"/>.</summary>
public sealed record DataReconstructionDriftOptions
{
    /// <summary>
    /// The columns to reconstruct: numeric, categorical or boolean. The default value is null: every feature column
    /// (role Feature) of the reference of those types; label, id, sensitive and ignored columns, text and dates are left
    /// out.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>
    /// The principal components kept are the fewest whose shares of the reference's variance add up to more than this
    /// (scikit-learn's <c>PCA(n_components=0.65)</c>, NannyML's default). The default value is 0.65. Range (0, 1).
    /// </summary>
    public double VarianceKept { get; init; } = 0.65;

    /// <summary>
    /// A chunk alerts when its error leaves the reference chunks' mean ± this many (population) standard deviations
    /// (NannyML's StandardDeviationThreshold). The default value is 3. Range (0, 10].
    /// </summary>
    public double BandWidth { get; init; } = 3;

    /// <summary>Every problem with the options, in one message; null when they are valid.</summary>
    public string? Problems()
    {
        var problems = new List<string>();
        problems.AddRange(MonitoredColumns.ListProblems(Columns));
        if (!(VarianceKept > 0 && VarianceKept < 1)) problems.Add($"VarianceKept must be between 0 and 1 (exclusive); it is {VarianceKept}.");
        if (!(BandWidth > 0 && BandWidth <= 10)) problems.Add($"BandWidth must be above 0 and at most 10; it is {BandWidth}.");
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }
}

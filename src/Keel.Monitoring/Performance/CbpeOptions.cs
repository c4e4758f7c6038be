namespace Keel.Monitoring.Performance;

/// <summary>Options of <see cref="Cbpe"/>.</summary>
public sealed record CbpeOptions
{
    /// <summary>
    /// A row is predicted positive when P(positive) is at least this (the model's threshold). The default value is 0.5.
    /// Range (0, 1], or +∞ for a model that acts on no row.
    /// </summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>
    /// A business KPI: when set, each window's expected value per decision (<see cref="Keel.Learn.Decisions.DecisionValue.MetricName"/>)
    /// is estimated from the expected confusion matrix, as NannyML's CBPE estimates business value. The default value is null.
    /// </summary>
    public Keel.Learn.Decisions.DecisionValue? Value { get; init; }

    /// <summary>Whether to calibrate the probabilities on the reference. The default value is Auto.</summary>
    public CalibrationChoice Calibration { get; init; } = CalibrationChoice.Auto;

    /// <summary>Folds of the cross-validated calibration check. The default value is 5. Range 2 to 20.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Alert bands are the reference windows' mean ± this many standard deviations. The default value is 3. Range (0, 10].</summary>
    public double BandWidth { get; init; } = 3;

    /// <summary>Seed of the fold assignment. The default value is 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Every problem with the options, in one message; null when they are valid.</summary>
    public string? Problems()
    {
        var problems = new List<string>();
        if (!(Threshold > 0 && Threshold <= 1 || double.IsPositiveInfinity(Threshold)))
            problems.Add($"Threshold must be between 0 and 1 (above 0, at most 1), or +∞ to act on no row; it is {Threshold}.");
        if (Value?.Problems() is { } value) problems.Add($"Value: {value}");
        if (Folds is < 2 or > 20) problems.Add($"Folds must be 2 to 20; it is {Folds}.");
        if (!(BandWidth > 0 && BandWidth <= 10)) problems.Add($"BandWidth must be above 0 and at most 10; it is {BandWidth}.");
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }
}

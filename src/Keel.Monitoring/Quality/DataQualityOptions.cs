namespace Keel.Monitoring.Quality;

/// <summary>Options of <see cref="DataQuality"/>: when a change in a window counts as a problem.</summary>
public sealed record DataQualityOptions
{
    /// <summary>A column's missing share may rise by this much (absolute) before it is flagged. The default value is 0.05. Range [0, 1].</summary>
    public double MissingIncrease { get; init; } = 0.05;

    /// <summary>Share of a numeric column's values outside the reference's range that is flagged. The default value is 0.01. Range [0, 1].</summary>
    public double OutOfRangeShare { get; init; } = 0.01;

    /// <summary>Share of a categorical column's values the reference never saw that is flagged. The default value is 0.01. Range [0, 1].</summary>
    public double UnseenShare { get; init; } = 0.01;

    /// <summary>Every problem with the options, in one message; null when they are valid.</summary>
    public string? Problems()
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[] { (nameof(MissingIncrease), MissingIncrease), (nameof(OutOfRangeShare), OutOfRangeShare), (nameof(UnseenShare), UnseenShare) })
            if (!(value >= 0 && value <= 1)) problems.Add($"{name} must be between 0 and 1; it is {value}.");
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }
}

namespace Keel.Monitoring.Quality;

/// <summary>
/// One column of a window against the reference profile: missing shares, values outside the reference's range
/// (numeric), values the reference never saw (categorical), and values that are not of the reference's type; a few
/// examples of each (<see cref="Examples"/>: out of range or unseen).
/// </summary>
public sealed record ColumnQuality(
    string Column,
    string ReferenceType,
    string CurrentType,
    double ReferenceMissingShare,
    double CurrentMissingShare,
    long OutOfRange,
    long Unseen,
    long TypeErrors,
    IReadOnlyList<string> TypeErrorExamples,
    IReadOnlyList<string> Examples,
    long Rows);

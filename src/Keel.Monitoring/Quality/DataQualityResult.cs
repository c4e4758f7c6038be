namespace Keel.Monitoring.Quality;

/// <summary>The data quality of one window of rows against the reference profile.</summary>
public sealed record DataQualityResult(int Start, int Rows, IReadOnlyList<ColumnQuality> Columns, IReadOnlyList<DataQualityIssue> Issues)
{
    public bool HasIssues => Issues.Count > 0;
}

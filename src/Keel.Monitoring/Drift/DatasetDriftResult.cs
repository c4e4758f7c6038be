namespace Keel.Monitoring.Drift;

/// <summary>Every tested column's result and the verdict on the whole data set.</summary>
public sealed record DatasetDriftResult
{
    /// <summary>One result per tested column, in the order tested.</summary>
    public required IReadOnlyList<ColumnDriftResult> Columns { get; init; }

    public required int DriftedColumns { get; init; }

    /// <summary>The share of tested columns that drifted (Evidently's <c>share_of_drifted_columns</c>).</summary>
    public double DriftedShare => Columns.Count == 0 ? 0 : (double)DriftedColumns / Columns.Count;

    /// <summary>The share of drifted columns at which the data set counts as drifted.</summary>
    public required double DriftShare { get; init; }

    /// <summary>Whether <see cref="DriftedShare"/> reached <see cref="DriftShare"/>.</summary>
    public required bool Drifted { get; init; }

    public required MultipleTestingCorrection Correction { get; init; }

    /// <summary>The results of <see cref="DatasetDriftOptions.AlsoRun"/>'s tests, column by column; empty without them.</summary>
    public IReadOnlyList<ColumnDriftResult> AlsoRun { get; init; } = [];

    /// <summary>The result of the named column.</summary>
    public ColumnDriftResult this[string column] =>
        Columns.FirstOrDefault(c => c.Column == column)
        ?? throw new KeyNotFoundException($"Column '{column}' was not tested. The tested columns are: {string.Join(", ", Columns.Select(c => c.Column))}.");
}

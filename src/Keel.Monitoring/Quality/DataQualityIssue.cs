namespace Keel.Monitoring.Quality;

/// <summary>What kind of data-quality problem a window has.</summary>
public enum DataQualityKind
{
    /// <summary>A column the reference has is not in the data.</summary>
    MissingColumn,

    /// <summary>A column the reference does not have.</summary>
    NewColumn,

    /// <summary>Values that do not parse as the reference's type (text in a number column).</summary>
    TypeErrors,

    /// <summary>The share of missing values rose beyond the allowed increase.</summary>
    MissingRate,

    /// <summary>Numbers outside the reference's minimum and maximum.</summary>
    OutOfRange,

    /// <summary>Categories the reference never saw.</summary>
    UnseenCategories,
}

/// <summary>One problem, with the column it is about and a sentence that says what was found.</summary>
public sealed record DataQualityIssue(DataQualityKind Kind, string Column, string Message);

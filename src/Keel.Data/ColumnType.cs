namespace Keel.Data;

/// <summary>The storage type of a column.</summary>
public enum ColumnType
{
    /// <summary>Real numbers stored as <see cref="double"/>; NaN is missing.</summary>
    Numeric,

    /// <summary>A small set of values, dictionary-encoded; code -1 is missing.</summary>
    Categorical,

    /// <summary>True or false; missing allowed.</summary>
    Boolean,

    /// <summary>Points in time (UTC ticks); missing allowed.</summary>
    DateTime,

    /// <summary>Free text or identifiers: stored as strings, not used as model features.</summary>
    Text,
}

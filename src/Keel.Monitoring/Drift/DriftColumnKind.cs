namespace Keel.Monitoring.Drift;

/// <summary>How a drift test sees a column: Evidently's numerical and categorical feature types.</summary>
public enum DriftColumnKind
{
    /// <summary>A numeric column.</summary>
    Numeric,

    /// <summary>A categorical or boolean column.</summary>
    Categorical,
}

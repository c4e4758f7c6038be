namespace Keel.Data;

/// <summary>What a column is for when a model is trained or monitored.</summary>
public enum ColumnRole
{
    /// <summary>An input of the model. The default.</summary>
    Feature,

    /// <summary>The target the model learns to predict.</summary>
    Label,

    /// <summary>Identifies a row (customer id, order number); never a feature.</summary>
    Id,

    /// <summary>A protected attribute (sex, race, age group) kept for fairness audits; not a feature unless asked.</summary>
    Sensitive,

    /// <summary>Carried along but not used.</summary>
    Ignore,
}

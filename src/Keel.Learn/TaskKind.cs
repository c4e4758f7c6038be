namespace Keel.Learn;

/// <summary>What a model predicts.</summary>
public enum TaskKind
{
    /// <summary>One of two classes, with a probability for the positive one.</summary>
    Binary,

    /// <summary>One of three or more classes, with a probability for each.</summary>
    Multiclass,

    /// <summary>A real number.</summary>
    Regression,

    /// <summary>
    /// How unusual a row is: a score (higher = more anomalous) and a flag, learned without a label. A label, when
    /// given, only evaluates the detector.
    /// </summary>
    Anomaly,
}

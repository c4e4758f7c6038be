namespace Keel.Explain;

/// <summary>How <see cref="TreeShap"/> computes path-dependent SHAP values; all give the same values.</summary>
public enum TreeShapAlgorithm
{
    /// <summary>Precomputed when its tables fit the memory budget and every cover is positive, else recursive.</summary>
    Auto,

    /// <summary>Lundberg et al.'s Algorithm 2 for every row: no memory beyond one path buffer; O(leaves × depth²) a row.</summary>
    Recursive,

    /// <summary>Per-leaf tables built once (FastTreeSHAP v2's idea): O(leaves × depth) a row, 2^depth doubles a leaf.</summary>
    Precomputed,
}

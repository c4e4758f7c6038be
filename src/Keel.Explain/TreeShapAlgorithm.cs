namespace Keel.Explain;

/// <summary>How <see cref="TreeShap"/> computes path-dependent SHAP values; all give the same values.</summary>
public enum TreeShapAlgorithm
{
    /// <summary>
    /// With every cover positive: Precomputed for batches when its tables fit the memory budget (Quadrature for single
    /// rows), else Quadrature; with an empty branch: Recursive.
    /// </summary>
    Auto,

    /// <summary>Lundberg et al.'s Algorithm 2 for every row: no memory beyond one path buffer; O(leaves × depth²) a row.</summary>
    Recursive,

    /// <summary>Per-leaf tables built once (FastTreeSHAP v2's idea): O(leaves × depth) a row, 2^depth doubles a leaf.</summary>
    Precomputed,

    /// <summary>Leaf by leaf with Gauss–Legendre quadrature (Linear TreeSHAP's idea): O(leaves × depth²/2) a row, no tables.</summary>
    Quadrature,
}

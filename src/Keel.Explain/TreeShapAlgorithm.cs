namespace Keel.Explain;

/// <summary>How <see cref="TreeShap"/> computes path-dependent SHAP values; all give the same values.</summary>
public enum TreeShapAlgorithm
{
    /// <summary>Quadrature when every cover is positive and no tree is deeper than 32; otherwise Recursive.</summary>
    Auto,

    /// <summary>Lundberg et al.'s Algorithm 2 for every row: no memory beyond one path buffer; O(leaves × depth²) a row.</summary>
    Recursive,

    /// <summary>
    /// Per-leaf tables built once (FastTreeSHAP v2's idea): O(leaves × depth) a row, 2^depth doubles a leaf. Slower
    /// than Quadrature on the models measured (docs/benchmarks.md); kept for comparison.
    /// </summary>
    Precomputed,

    /// <summary>One walk of each tree with Gauss–Legendre quadrature (Linear TreeSHAP's idea): O(nodes × depth/2) a row, no tables.</summary>
    Quadrature,
}

namespace Keel.Learn.Models;

/// <summary>
/// One binary tree in flat arrays. Internal node i tests feature <see cref="SplitFeature"/>[i]: a value at most
/// <see cref="Threshold"/>[i] goes left, a larger one right, a missing (NaN) one where <see cref="DefaultLeft"/>[i]
/// says. A child index c &lt; 0 is the leaf ~c. A tree with no internal node is the single leaf 0.
/// Covers are the number (or weight) of training rows that reach each node and leaf.
/// </summary>
public sealed record DecisionTree
{
    public required int[] SplitFeature { get; init; }

    public required float[] Threshold { get; init; }

    public required bool[] DefaultLeft { get; init; }

    public required int[] LeftChild { get; init; }

    public required int[] RightChild { get; init; }

    public required double[] LeafValue { get; init; }

    public double[] NodeCover { get; init; } = [];

    public double[] LeafCover { get; init; } = [];

    public int LeafCount => LeafValue.Length;

    /// <summary>The index of the leaf a row falls in.</summary>
    public int Leaf(ReadOnlySpan<float> x)
    {
        if (SplitFeature.Length == 0) return 0;
        var node = 0;
        while (node >= 0)
        {
            var v = x[SplitFeature[node]];
            var left = float.IsNaN(v) ? DefaultLeft[node] : v <= Threshold[node];
            node = left ? LeftChild[node] : RightChild[node];
        }
        return ~node;
    }

    public double Evaluate(ReadOnlySpan<float> x) => LeafValue[Leaf(x)];
}

using Keel.Learn.Models;

namespace Keel.Explain;

/// <summary>
/// Path-dependent TreeSHAP with per-leaf tables computed once per model (the idea of FastTreeSHAP v2: Yang 2021,
/// "Fast TreeSHAP: Accelerating SHAP Value Computation for Trees"). For a leaf l with unique path features F
/// (|F| = d), cover fractions z_j and value v, the leaf's share of φ_i depends on the row only through the set P ⊆ F of
/// features whose splits the row follows:
/// <c>i ∈ P: v (1 − z_i)/z_i · B(P \ {i})</c>; <c>i ∉ P: −v · B(P)</c>, where
/// <c>B(P) = Σ_{S ⊆ P} |S|!(d − |S| − 1)!/d! · Π_{j ∈ F \ S} z_j</c>.
/// B is tabulated for all 2^d subsets (a subset-sum transform, O(d 2^d) per leaf), so a row costs O(leaves × depth)
/// per tree instead of O(leaves × depth²). Used when every cover fraction is positive and the tables fit the memory
/// budget; the values equal the recursive algorithm's.
/// </summary>
internal sealed class PrecomputedTreeShap
{
    /// <summary>One leaf: its path (nodes and the direction towards the leaf, with the slot of each split's feature), features, ratios and table.</summary>
    private sealed class Leaf
    {
        public required int[] PathNodes;
        public required bool[] PathLeft;
        public required int[] PathSlot;
        public required int[] Features;   // by slot
        public required double[] Ratio;   // (1 − z_s) / z_s, by slot
        public required double[] Table;   // v · B(P), by bit mask over slots
    }

    private readonly TreeEnsemble _ensemble;
    private readonly Leaf[][] _leaves;

    private PrecomputedTreeShap(TreeEnsemble ensemble, Leaf[][] leaves)
    {
        _ensemble = ensemble;
        _leaves = leaves;
    }

    /// <summary>The tables' size in doubles if built, or null when some cover fraction is 0 (then the recursion is used).</summary>
    public static long? TableSize(TreeEnsemble ensemble)
    {
        long total = 0;
        foreach (var tree in ensemble.Trees)
        {
            if (tree.SplitFeature.Length == 0) continue;
            foreach (var (_, _, features, zeros) in Paths(tree))
            {
                if (zeros.Any(z => z <= 0)) return null;
                if (features.Length > 24) return long.MaxValue;
                total += 1L << features.Length;
            }
        }
        return total;
    }

    public static PrecomputedTreeShap Build(TreeEnsemble ensemble)
    {
        var leaves = new Leaf[ensemble.Trees.Length][];
        Parallel.For(0, ensemble.Trees.Length, t =>
        {
            var tree = ensemble.Trees[t];
            if (tree.SplitFeature.Length == 0) { leaves[t] = []; return; }
            var list = new List<Leaf>(tree.LeafCount);
            foreach (var (leaf, path, features, zeros) in Paths(tree))
            {
                var d = features.Length;
                var table = new double[1 << d];
                var factorial = new double[d + 1];
                factorial[0] = 1;
                for (var i = 1; i <= d; i++) factorial[i] = factorial[i - 1] * i;
                for (var mask = 0; mask < table.Length; mask++)
                {
                    var size = System.Numerics.BitOperations.PopCount((uint)mask);
                    if (size == d) continue; // S must leave out the feature being explained
                    double product = 1;
                    for (var s = 0; s < d; s++) if ((mask & (1 << s)) == 0) product *= zeros[s];
                    table[mask] = factorial[size] * factorial[d - size - 1] / factorial[d] * product;
                }
                for (var s = 0; s < d; s++)
                    for (var mask = 0; mask < table.Length; mask++)
                        if ((mask & (1 << s)) != 0) table[mask] += table[mask ^ (1 << s)];
                var value = tree.LeafValue[leaf];
                for (var mask = 0; mask < table.Length; mask++) table[mask] *= value;
                list.Add(new Leaf
                {
                    PathNodes = path.Select(p => p.Node).ToArray(),
                    PathLeft = path.Select(p => p.Left).ToArray(),
                    PathSlot = path.Select(p => Array.IndexOf(features, tree.SplitFeature[p.Node])).ToArray(),
                    Features = features,
                    Ratio = zeros.Select(z => (1 - z) / z).ToArray(),
                    Table = table,
                });
            }
            leaves[t] = [.. list];
        });
        return new PrecomputedTreeShap(ensemble, leaves);
    }

    /// <summary>Every leaf of a tree with its path (node, went left), unique features and their cover fractions.</summary>
    private static IEnumerable<(int Leaf, (int Node, bool Left)[] Path, int[] Features, double[] Zeros)> Paths(DecisionTree tree)
    {
        var stack = new Stack<(int Child, (int Node, bool Left)[] Path)>();
        stack.Push((0, []));
        while (stack.Count > 0)
        {
            var (child, path) = stack.Pop();
            if (child >= 0)
            {
                stack.Push((tree.RightChild[child], [.. path, (child, false)]));
                stack.Push((tree.LeftChild[child], [.. path, (child, true)]));
                continue;
            }
            var features = new List<int>();
            var zeros = new List<double>();
            foreach (var (node, left) in path)
            {
                var next = left ? tree.LeftChild[node] : tree.RightChild[node];
                var ratio = (next < 0 ? tree.LeafCover[~next] : tree.NodeCover[next]) / tree.NodeCover[node];
                var slot = features.IndexOf(tree.SplitFeature[node]);
                if (slot < 0) { features.Add(tree.SplitFeature[node]); zeros.Add(ratio); }
                else zeros[slot] *= ratio;
            }
            yield return (~child, path, [.. features], [.. zeros]);
        }
    }

    /// <summary>Adds one row's SHAP values to <paramref name="phi"/> (features × outputs).</summary>
    public void ExplainRow(ReadOnlySpan<float> x, Span<double> phi, bool[] goesLeft)
    {
        var outputs = _ensemble.OutputCount;
        for (var t = 0; t < _leaves.Length; t++)
        {
            var leaves = _leaves[t];
            if (leaves.Length == 0) continue;
            var tree = _ensemble.Trees[t];
            var output = _ensemble.TreeOutput[t];
            for (var n = 0; n < tree.SplitFeature.Length; n++)
            {
                var v = x[tree.SplitFeature[n]];
                goesLeft[n] = float.IsNaN(v) ? tree.DefaultLeft[n] : v <= tree.Threshold[n];
            }
            foreach (var leaf in leaves)
            {
                var d = leaf.Features.Length;
                var mask = (1 << d) - 1;
                for (var p = 0; p < leaf.PathNodes.Length; p++)
                    if (goesLeft[leaf.PathNodes[p]] != leaf.PathLeft[p]) mask &= ~(1 << leaf.PathSlot[p]);
                var outside = leaf.Table[mask];
                for (var s = 0; s < d; s++)
                {
                    var slot = leaf.Features[s] * outputs + output;
                    if ((mask & (1 << s)) != 0) phi[slot] += leaf.Ratio[s] * leaf.Table[mask ^ (1 << s)];
                    else phi[slot] -= outside;
                }
            }
        }
    }

    /// <summary>The most internal nodes of any tree (the size of the direction buffer a caller passes).</summary>
    public int MaxNodes => _ensemble.Trees.Max(t => t.SplitFeature.Length);
}

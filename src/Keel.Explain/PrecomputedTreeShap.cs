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
    /// <summary>Rows explained together: their directions at a node fit one 64-bit word, and a leaf's table stays in cache for all of them.</summary>
    public const int BlockRows = 64;

    private readonly TreeEnsemble _ensemble;
    private readonly int _maxNodes;
    // Everything in flat arrays, leaf after leaf and tree after tree, so a row block streams through memory.
    private readonly int[] _treeLeafStart;   // tree t's leaves are [_treeLeafStart[t], _treeLeafStart[t + 1])
    private readonly int[] _pathStart;       // leaf l's path splits are [_pathStart[l], _pathStart[l + 1])
    private readonly int[] _pathNode;
    private readonly bool[] _pathLeft;       // the direction towards the leaf
    private readonly int[] _pathSlot;        // the split feature's slot among the leaf's unique features
    private readonly int[] _slotStart;       // leaf l's unique features are [_slotStart[l], _slotStart[l + 1])
    private readonly int[] _slotFeature;
    private readonly double[] _slotRatio;    // (1 − z) / z
    private readonly int[] _tableStart;      // leaf l's table v · B(P) is 2^d doubles from _tableStart[l]
    private readonly double[] _table;

    private PrecomputedTreeShap(TreeEnsemble ensemble, List<(int Leaf, (int Node, bool Left)[] Path, int[] Features, double[] Zeros)>[] perTree)
    {
        _ensemble = ensemble;
        _maxNodes = ensemble.Trees.Max(t => t.SplitFeature.Length);
        var leaves = perTree.Sum(p => p.Count);
        _treeLeafStart = new int[perTree.Length + 1];
        _pathStart = new int[leaves + 1];
        _slotStart = new int[leaves + 1];
        _tableStart = new int[leaves + 1];
        var all = perTree.SelectMany(p => p).ToArray();
        for (var t = 0; t < perTree.Length; t++) _treeLeafStart[t + 1] = _treeLeafStart[t] + perTree[t].Count;
        for (var l = 0; l < all.Length; l++)
        {
            _pathStart[l + 1] = _pathStart[l] + all[l].Path.Length;
            _slotStart[l + 1] = _slotStart[l] + all[l].Features.Length;
            _tableStart[l + 1] = checked(_tableStart[l] + (1 << all[l].Features.Length));
        }
        _pathNode = new int[_pathStart[^1]];
        _pathLeft = new bool[_pathStart[^1]];
        _pathSlot = new int[_pathStart[^1]];
        _slotFeature = new int[_slotStart[^1]];
        _slotRatio = new double[_slotStart[^1]];
        _table = new double[_tableStart[^1]];
        var treeOf = new int[all.Length];
        for (var t = 0; t < perTree.Length; t++)
            for (var l = _treeLeafStart[t]; l < _treeLeafStart[t + 1]; l++) treeOf[l] = t;
        Parallel.For(0, all.Length, l =>
        {
            var (leaf, path, features, zeros) = all[l];
            var tree = ensemble.Trees[treeOf[l]];
            for (var p = 0; p < path.Length; p++)
            {
                _pathNode[_pathStart[l] + p] = path[p].Node;
                _pathLeft[_pathStart[l] + p] = path[p].Left;
                _pathSlot[_pathStart[l] + p] = Array.IndexOf(features, tree.SplitFeature[path[p].Node]);
            }
            for (var k = 0; k < features.Length; k++)
            {
                _slotFeature[_slotStart[l] + k] = features[k];
                _slotRatio[_slotStart[l] + k] = (1 - zeros[k]) / zeros[k];
            }
            FillTable(_table.AsSpan(_tableStart[l], 1 << features.Length), zeros, tree.LeafValue[leaf]);
        });
    }

    /// <summary>v · B(P) for every subset P of the leaf's features: weights by subset size, then a subset-sum transform.</summary>
    private static void FillTable(Span<double> table, double[] zeros, double value)
    {
        var d = zeros.Length;
        for (var mask = 0; mask < table.Length; mask++)
        {
            var size = System.Numerics.BitOperations.PopCount((uint)mask);
            if (size == d) continue; // S must leave out the feature being explained
            double product = 1;
            for (var s = 0; s < d; s++) if ((mask & (1 << s)) == 0) product *= zeros[s];
            table[mask] = Shapley.Weight(size, d) * product;
        }
        for (var s = 0; s < d; s++)
            for (var mask = 0; mask < table.Length; mask++)
                if ((mask & (1 << s)) != 0) table[mask] += table[mask ^ (1 << s)];
        for (var mask = 0; mask < table.Length; mask++) table[mask] *= value;
    }

    /// <summary>The tables' size in doubles if built, or null when some cover fraction is 0 (then the recursion is used).</summary>
    public static long? TableSize(TreeEnsemble ensemble)
    {
        long total = 0;
        foreach (var tree in ensemble.Trees)
        {
            if (tree.SplitFeature.Length == 0) continue;
            foreach (var (_, _, features, zeros) in TreePaths.Of(tree))
            {
                if (zeros.Any(z => z <= 0)) return null;
                if (features.Length > 24) return long.MaxValue;
                total += 1L << features.Length;
            }
        }
        return total;
    }

    public static PrecomputedTreeShap Build(TreeEnsemble ensemble) =>
        new(ensemble, ensemble.Trees.Select(t => t.SplitFeature.Length == 0 ? [] : TreePaths.Of(t).ToList()).ToArray());

    /// <summary>Working memory of one thread: per node, the rows of the block that go left; per slot, the rows that follow the leaf's path.</summary>
    public sealed class Scratch(int maxNodes)
    {
        public readonly ulong[] Left = new ulong[Math.Max(1, maxNodes)];
        public readonly ulong[] Follows = new ulong[25];
    }

    public Scratch NewScratch() => new(_maxNodes);

    /// <summary>
    /// Adds the SHAP values of rows [<paramref name="first"/>, first + <paramref name="count"/>) (count ≤ 64) of a
    /// row-major matrix of <paramref name="width"/> features to <paramref name="phi"/>, which holds those rows'
    /// values (rows × features × outputs).
    /// </summary>
    public void ExplainBlock(ReadOnlySpan<float> x, int width, int first, int count, Span<double> phi, Scratch scratch)
    {
        var outputs = _ensemble.OutputCount;
        var rowStride = width * outputs;
        var all = count == 64 ? ulong.MaxValue : (1UL << count) - 1;
        var leftOf = scratch.Left;
        var follows = scratch.Follows;
        for (var t = 0; t < _ensemble.Trees.Length; t++)
        {
            var (leafFrom, leafTo) = (_treeLeafStart[t], _treeLeafStart[t + 1]);
            if (leafFrom == leafTo) continue;
            var tree = _ensemble.Trees[t];
            var output = _ensemble.TreeOutput[t];
            for (var n = 0; n < tree.SplitFeature.Length; n++)
            {
                var feature = tree.SplitFeature[n];
                var threshold = tree.Threshold[n];
                var missingLeft = tree.DefaultLeft[n];
                ulong bits = 0;
                for (var r = 0; r < count; r++)
                {
                    var v = x[(first + r) * width + feature];
                    if (float.IsNaN(v) ? missingLeft : v <= threshold) bits |= 1UL << r;
                }
                leftOf[n] = bits;
            }
            for (var l = leafFrom; l < leafTo; l++)
            {
                var slots = _slotStart[l];
                var d = _slotStart[l + 1] - slots;
                for (var s = 0; s < d; s++) follows[s] = all;
                for (var p = _pathStart[l]; p < _pathStart[l + 1]; p++)
                {
                    var left = leftOf[_pathNode[p]];
                    follows[_pathSlot[p]] &= _pathLeft[p] ? left : ~left;
                }
                var table = _table.AsSpan(_tableStart[l], 1 << d);
                for (var r = 0; r < count; r++)
                {
                    var mask = 0;
                    for (var s = 0; s < d; s++) mask |= (int)((follows[s] >> r) & 1) << s;
                    var outside = table[mask];
                    var row = phi.Slice(r * rowStride, rowStride);
                    for (var s = 0; s < d; s++)
                    {
                        ref var target = ref row[_slotFeature[slots + s] * outputs + output];
                        if ((mask & (1 << s)) != 0) target += _slotRatio[slots + s] * table[mask ^ (1 << s)];
                        else target -= outside;
                    }
                }
            }
        }
    }
}

using Keel.Learn.Models;

namespace Keel.Explain;

/// <summary>
/// Path-dependent TreeSHAP leaf by leaf with Gauss–Legendre quadrature, the idea behind Linear TreeSHAP (Yu et al.
/// 2022). For a leaf with unique path features F (|F| = d), cover fractions z, value v and o_j ∈ {0, 1} (the row
/// follows the splits on j), the Shapley weights sum to an integral of a polynomial:
/// <c>Σ_{S ⊆ F∖i} |S|!(d−1−|S|)!/d! Π_{j∈S} o_j Π_{j∉S} z_j = ∫₀¹ Π_{j≠i} (z_j + (o_j − z_j) t) dt</c>
/// (the Beta integral), a polynomial of degree d − 1 that ⌈d/2⌉ Gauss–Legendre points integrate exactly. So a leaf
/// adds <c>v (o_i − z_i) Σ_q w_q Π_{j≠i} (z_j + (o_j − z_j) t_q)</c> to φ_i: O(d · points) a leaf, no tables, the
/// whole model in a few flat arrays. Needs every cover fraction positive.
/// </summary>
internal sealed class QuadratureTreeShap
{
    private readonly TreeEnsemble _ensemble;
    private readonly int[] _treeLeafStart;
    private readonly int[] _pathStart;
    private readonly int[] _pathNode;
    private readonly bool[] _pathLeft;
    private readonly int[] _pathSlot;
    private readonly int[] _slotStart;
    private readonly int[] _slotFeature;
    private readonly double[] _slotZero;
    private readonly double[] _leafValue;
    private readonly double[][] _nodes;   // Gauss–Legendre points on [0, 1], by their count
    private readonly double[][] _weights;

    public QuadratureTreeShap(TreeEnsemble ensemble)
    {
        _ensemble = ensemble;
        var perTree = ensemble.Trees.Select(t => t.SplitFeature.Length == 0 ? [] : TreePaths.Of(t).ToList()).ToArray();
        var all = perTree.SelectMany(p => p).ToArray();
        _treeLeafStart = new int[perTree.Length + 1];
        for (var t = 0; t < perTree.Length; t++) _treeLeafStart[t + 1] = _treeLeafStart[t] + perTree[t].Count;
        _pathStart = new int[all.Length + 1];
        _slotStart = new int[all.Length + 1];
        _leafValue = new double[all.Length];
        for (var l = 0; l < all.Length; l++)
        {
            _pathStart[l + 1] = _pathStart[l] + all[l].Path.Length;
            _slotStart[l + 1] = _slotStart[l] + all[l].Features.Length;
        }
        _pathNode = new int[_pathStart[^1]];
        _pathLeft = new bool[_pathStart[^1]];
        _pathSlot = new int[_pathStart[^1]];
        _slotFeature = new int[_slotStart[^1]];
        _slotZero = new double[_slotStart[^1]];
        var maxD = 1;
        var leaf = 0;
        for (var t = 0; t < perTree.Length; t++)
            foreach (var (index, path, features, zeros) in perTree[t])
            {
                var tree = ensemble.Trees[t];
                for (var p = 0; p < path.Length; p++)
                {
                    _pathNode[_pathStart[leaf] + p] = path[p].Node;
                    _pathLeft[_pathStart[leaf] + p] = path[p].Left;
                    _pathSlot[_pathStart[leaf] + p] = Array.IndexOf(features, tree.SplitFeature[path[p].Node]);
                }
                features.CopyTo(_slotFeature, _slotStart[leaf]);
                zeros.CopyTo(_slotZero, _slotStart[leaf]);
                _leafValue[leaf] = tree.LeafValue[index];
                maxD = Math.Max(maxD, features.Length);
                leaf++;
            }
        var rules = Enumerable.Range(0, maxD + 2).Select(n => n == 0 ? ([], []) : GaussLegendre(n)).ToArray();
        _nodes = rules.Select(r => r.Item1).ToArray();
        _weights = rules.Select(r => r.Item2).ToArray();
        MaxNodes = ensemble.Trees.Max(t => t.SplitFeature.Length);
        MaxSlots = maxD;
    }

    public int MaxNodes { get; }

    public int MaxSlots { get; }

    /// <summary>
    /// Adds one row's SHAP values to <paramref name="phi"/> (features × outputs). A leaf with d path features uses
    /// ⌈d/2⌉ + 1 points; the product without feature i comes from prefix and suffix products, so nothing is divided.
    /// </summary>
    public void ExplainRow(ReadOnlySpan<float> x, Span<double> phi, bool[] goesLeft, byte[] follows)
    {
        var outputs = _ensemble.OutputCount;
        Span<double> line = stackalloc double[MaxSlots];
        Span<double> suffix = stackalloc double[MaxSlots + 1];
        Span<double> integral = stackalloc double[MaxSlots];
        for (var t = 0; t < _ensemble.Trees.Length; t++)
        {
            var (leafFrom, leafTo) = (_treeLeafStart[t], _treeLeafStart[t + 1]);
            if (leafFrom == leafTo) continue;
            var tree = _ensemble.Trees[t];
            var output = _ensemble.TreeOutput[t];
            for (var n = 0; n < tree.SplitFeature.Length; n++)
            {
                var v = x[tree.SplitFeature[n]];
                goesLeft[n] = float.IsNaN(v) ? tree.DefaultLeft[n] : v <= tree.Threshold[n];
            }
            for (var l = leafFrom; l < leafTo; l++)
            {
                var slots = _slotStart[l];
                var d = _slotStart[l + 1] - slots;
                for (var s = 0; s < d; s++) follows[s] = 1;
                for (var p = _pathStart[l]; p < _pathStart[l + 1]; p++)
                    if (goesLeft[_pathNode[p]] != _pathLeft[p]) follows[_pathSlot[p]] = 0;
                var points = _nodes[d / 2 + 1];
                var weights = _weights[d / 2 + 1];
                integral[..d].Clear();
                for (var k = 0; k < points.Length; k++)
                {
                    var tk = points[k];
                    suffix[d] = 1;
                    for (var s = d - 1; s >= 0; s--)
                    {
                        var z = _slotZero[slots + s];
                        line[s] = z + (follows[s] - z) * tk;
                        suffix[s] = suffix[s + 1] * line[s];
                    }
                    var prefix = weights[k];
                    for (var s = 0; s < d; s++)
                    {
                        integral[s] += prefix * suffix[s + 1];
                        prefix *= line[s];
                    }
                }
                var value = _leafValue[l];
                for (var s = 0; s < d; s++)
                {
                    var slope = follows[s] - _slotZero[slots + s];
                    if (slope != 0) phi[_slotFeature[slots + s] * outputs + output] += value * slope * integral[s];
                }
            }
        }
    }

    /// <summary>Gauss–Legendre points and weights on [0, 1], by Newton's method on the Legendre polynomial.</summary>
    internal static (double[] Nodes, double[] Weights) GaussLegendre(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            var x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative;
            while (true)
            {
                double p0 = 1, p1 = x;
                for (var k = 2; k <= n; k++) (p0, p1) = (p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k);
                derivative = n * (x * p1 - p0) / (x * x - 1);
                var step = p1 / derivative;
                x -= step;
                if (Math.Abs(step) < 1e-15) break;
            }
            nodes[i] = (1 - x) / 2;
            weights[i] = 1 / ((1 - x * x) * derivative * derivative);
        }
        return (nodes, weights);
    }
}

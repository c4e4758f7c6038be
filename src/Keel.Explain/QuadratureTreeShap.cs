using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Keel.Learn.Models;

namespace Keel.Explain;

/// <summary>
/// Path-dependent TreeSHAP in one walk of each tree with Gauss–Legendre quadrature: the idea of Linear TreeSHAP (Yu
/// et al. 2022, "Linear TreeShap"). For a leaf l with unique path features F, cover fractions z_j, value v and
/// o_j ∈ {0, 1} (the row follows every split on j), the Shapley weights sum to a Beta integral:
/// <c>φ_i += v (o_i − z_i) ∫₀¹ P_l(t) / f_i(t) dt</c> with <c>f_j(t) = z_j + (o_j − z_j) t</c> and
/// <c>P_l = Π_{j∈F} f_j</c>, a polynomial of degree below the tree's depth, which ⌈depth/2⌉ points integrate exactly.
/// <para>
/// The walk carries P at those points down the tree (a repeated feature's earlier factor is divided out and the
/// combined one multiplied in) and sums <c>v P_l</c> back up; at the deepest split on j above a leaf, the leaf's share
/// of φ_j is the subtree sum divided by f_j. Leaves with a deeper split on j are subtracted there and counted at that
/// deeper split. A row costs O(nodes × ⌈depth/2⌉) per tree, four points to a 256-bit vector: no tables, no per-leaf
/// work. Needs every cover fraction positive (f_j never vanishes inside (0, 1)) and depth at most 32.
/// </para>
/// </summary>
internal sealed class QuadratureTreeShap
{
    /// <summary>The deepest tree this variant takes: 16 points, four vectors.</summary>
    public const int MaxSupportedDepth = 32;

    /// <summary>An internal node in 32 bytes, two to a cache line.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Node
    {
        public readonly double ZeroLeft;   // cover(left) / cover(node)
        public readonly double ZeroRight;
        private readonly int _split;       // the feature, with the sign bit set when a missing value goes left
        public readonly float Threshold;
        public readonly int Left;          // a node index in the ensemble's array, or ~leaf
        public readonly int Right;

        public Node(int feature, float threshold, bool defaultLeft, int left, int right, double zeroLeft, double zeroRight) =>
            (_split, Threshold, Left, Right, ZeroLeft, ZeroRight) = (defaultLeft ? feature | int.MinValue : feature, threshold, left, right, zeroLeft, zeroRight);

        public int Feature => _split & int.MaxValue;

        public bool DefaultLeft => _split < 0;
    }

    private readonly TreeEnsemble _ensemble;
    private readonly Node[] _nodes;      // every tree's internal nodes, tree after tree
    private readonly double[] _leafValue; // every tree's leaves, tree after tree
    private readonly int[] _root;         // per tree: its root in _nodes, or −1 for a single leaf
    private readonly int _lanes;          // points rounded up to 4, 8 or 16
    private readonly double[] _points;    // t, padded with 0.5 (weight 0)
    private readonly double[] _weights;

    public QuadratureTreeShap(TreeEnsemble ensemble)
    {
        _ensemble = ensemble;
        MaxDepth = ensemble.Trees.Length == 0 ? 0 : ensemble.Trees.Max(Shapley.Depth);
        if (MaxDepth > MaxSupportedDepth)
            throw new ArgumentException($"Quadrature TreeSHAP takes trees up to depth {MaxSupportedDepth}; this model's deepest is {MaxDepth}.", nameof(ensemble));
        var count = Math.Max(1, (MaxDepth + 1) / 2);
        _lanes = count <= 4 ? 4 : count <= 8 ? 8 : 16;
        var (t, w) = GaussLegendre(count);
        _points = new double[_lanes];
        _weights = new double[_lanes];
        for (var i = 0; i < _lanes; i++)
        {
            _points[i] = i < count ? t[i] : 0.5;
            _weights[i] = i < count ? w[i] : 0;
        }
        _nodes = new Node[ensemble.Trees.Sum(x => x.SplitFeature.Length)];
        _leafValue = new double[ensemble.Trees.Sum(x => x.SplitFeature.Length == 0 ? 0 : x.LeafCount)];
        _root = new int[ensemble.Trees.Length];
        // Nodes and leaves in preorder, so that the walk reads memory front to back.
        int nodeCount = 0, leafCount = 0;
        for (var i = 0; i < ensemble.Trees.Length; i++)
        {
            var tree = ensemble.Trees[i];
            if (tree.SplitFeature.Length == 0)
            {
                _root[i] = -1;
                continue;
            }
            _root[i] = nodeCount;
            Place(tree, 0, ref nodeCount, ref leafCount);
        }
    }

    /// <summary>Lays out the subtree at <paramref name="node"/> in preorder; returns its reference in the flat arrays.</summary>
    private int Place(DecisionTree tree, int node, ref int nodeCount, ref int leafCount)
    {
        if (node < 0)
        {
            _leafValue[leafCount] = tree.LeafValue[~node];
            return ~leafCount++;
        }
        var at = nodeCount++;
        var left = Place(tree, tree.LeftChild[node], ref nodeCount, ref leafCount);
        var right = Place(tree, tree.RightChild[node], ref nodeCount, ref leafCount);
        _nodes[at] = new Node(tree.SplitFeature[node], tree.Threshold[node], tree.DefaultLeft[node], left, right,
            Cover(tree, tree.LeftChild[node]) / tree.NodeCover[node], Cover(tree, tree.RightChild[node]) / tree.NodeCover[node]);
        return at;
    }

    /// <summary>The most splits from a root to a leaf.</summary>
    public int MaxDepth { get; }

    private static double Cover(DecisionTree tree, int child) => child < 0 ? tree.LeafCover[~child] : tree.NodeCover[child];

    /// <summary>A thread's working memory, lanes doubles per slot: per depth the inverse of the edge's factor and its
    /// deeper-split correction; per feature and output the unweighted integrand of φ; per feature the depth of its
    /// active edge.</summary>
    public sealed class Scratch
    {
        internal readonly double[] Inverse, Deeper, Phi, Zero;
        internal readonly bool[] One;
        internal readonly int[] Active;
        internal readonly int Spare; // the slot of a feature not yet split on the path

        internal Scratch(int levels, int lanes, int features, int outputs)
        {
            Inverse = new double[levels * lanes];
            Deeper = new double[levels * lanes];
            Phi = new double[features * outputs * lanes];
            Zero = new double[levels];
            One = new bool[levels];
            Active = new int[features];
            Spare = levels - 1;
            Array.Fill(Active, Spare);
            Inverse.AsSpan(Spare * lanes, lanes).Fill(1);
            Zero[Spare] = 1;
            One[Spare] = true;
        }
    }

    public Scratch NewScratch() => new(MaxDepth + 2, _lanes, _ensemble.FeatureCount, _ensemble.OutputCount);

    public int TreeCount => _root.Length;

    /// <summary>Adds one row's SHAP values over trees [<paramref name="firstTree"/>, <paramref name="endTree"/>) to
    /// <paramref name="phi"/> (features × outputs).</summary>
    /// <remarks>
    /// With a <paramref name="condition"/> feature, that feature is no player: always known (<paramref name="known"/>:
    /// the walk follows the row at its splits) or never known (both branches, weighted by their cover fractions), the
    /// two runs whose difference gives SHAP interaction values.
    /// </remarks>
    public void ExplainRow(ReadOnlySpan<float> x, Span<double> phi, Scratch scratch, int firstTree, int endTree, int condition = -1, bool known = false)
    {
        switch (_lanes)
        {
            case 4: ExplainRow<Points4>(x, phi, scratch, firstTree, endTree, condition, known); break;
            case 8: ExplainRow<Points8>(x, phi, scratch, firstTree, endTree, condition, known); break;
            default: ExplainRow<Points16>(x, phi, scratch, firstTree, endTree, condition, known); break;
        }
    }

    private ref struct Walk<T> where T : unmanaged, IPoints<T>
    {
        public ReadOnlySpan<float> X;
        public Span<T> Inverse, Deeper, Phi;
        public Span<double> Zero;
        public Span<bool> One;
        public Span<int> Active;
        public T Points;
        public int Outputs, Output, Condition;
        public bool Known;
    }

    private void ExplainRow<T>(ReadOnlySpan<float> x, Span<double> phi, Scratch scratch, int firstTree, int endTree, int condition, bool known) where T : unmanaged, IPoints<T>
    {
        var walk = new Walk<T>
        {
            X = x,
            Inverse = MemoryMarshal.Cast<double, T>(scratch.Inverse.AsSpan()),
            Deeper = MemoryMarshal.Cast<double, T>(scratch.Deeper.AsSpan()),
            Phi = MemoryMarshal.Cast<double, T>(scratch.Phi.AsSpan()),
            Zero = scratch.Zero,
            One = scratch.One,
            Active = scratch.Active,
            Points = T.Load(_points),
            Outputs = _ensemble.OutputCount,
            Condition = condition,
            Known = known,
        };
        walk.Phi.Clear();
        walk.Deeper[scratch.Spare] = default;
        for (var t = firstTree; t < endTree; t++)
        {
            if (_root[t] < 0) continue;
            walk.Output = _ensemble.TreeOutput[t];
            Visit(ref walk, _root[t], T.Splat(1), 0);
        }
        var weights = T.Load(_weights);
        for (var i = 0; i < walk.Phi.Length; i++) phi[i] += T.Dot(weights, walk.Phi[i]);
    }

    /// <summary>Visits <paramref name="node"/> at <paramref name="depth"/> with its path product; returns the sum of
    /// <c>v · P_l</c> over its leaves.</summary>
    private T Visit<T>(ref Walk<T> w, int node, T product, int depth) where T : unmanaged, IPoints<T>
    {
        ref readonly var n = ref _nodes[node];
        var feature = n.Feature;
        var v = w.X[feature];
        var goesLeft = float.IsNaN(v) ? n.DefaultLeft : v <= n.Threshold;
        if (feature == w.Condition) return Conditioned(ref w, n, goesLeft, product, depth);
        // A feature first split here has the spare slot: factor 1, fraction 1, followed (no branch to mispredict).
        var previous = w.Active[feature];
        var zeroBefore = w.Zero[previous];
        var oneBefore = w.One[previous];
        product *= w.Inverse[previous];
        w.Active[feature] = depth;
        var outputSlot = feature * w.Outputs + w.Output;
        var sum = default(T);
        for (var side = 0; side < 2; side++)
        {
            var left = side == 0;
            var zero = zeroBefore * (left ? n.ZeroLeft : n.ZeroRight);
            // `&`, not `&&`: the row's direction is a coin flip to the branch predictor.
            var one = oneBefore & (goesLeft == left);
            var child = left ? n.Left : n.Right;
            var slope = (one ? 1.0 : 0.0) - zero;
            var factor = T.Splat(zero) + T.Splat(slope) * w.Points;
            T below;
            if (child < 0)
            {
                // A leaf: v · P / f is the rest of the path's product times v.
                var value = T.Splat(_leafValue[~child]);
                w.Phi[outputSlot] += T.Splat(slope) * (product * value);
                below = product * factor * value;
            }
            else
            {
                var inverse = T.Splat(1) / factor;
                w.Inverse[depth] = inverse;
                w.Deeper[depth] = default;
                w.Zero[depth] = zero;
                w.One[depth] = one;
                below = Visit(ref w, child, product * factor, depth + 1);
                w.Phi[outputSlot] += T.Splat(slope) * ((below - w.Deeper[depth]) * inverse);
            }
            sum += below;
        }
        w.Active[feature] = previous;
        // The leaves below have a deeper split on the feature: the ancestor's edge must not count them again.
        w.Deeper[previous] += sum;
        return sum;
    }

    /// <summary>A split on the conditioning feature: no factor, no attribution; follow the row, or weigh both branches.</summary>
    private T Conditioned<T>(ref Walk<T> w, in Node n, bool goesLeft, T product, int depth) where T : unmanaged, IPoints<T>
    {
        if (w.Known) return Branch(ref w, goesLeft ? n.Left : n.Right, product, depth);
        return Branch(ref w, n.Left, product * T.Splat(n.ZeroLeft), depth) + Branch(ref w, n.Right, product * T.Splat(n.ZeroRight), depth);
    }

    private T Branch<T>(ref Walk<T> w, int child, T product, int depth) where T : unmanaged, IPoints<T> =>
        child < 0 ? product * T.Splat(_leafValue[~child]) : Visit(ref w, child, product, depth + 1);

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

/// <summary>A polynomial's values at a fixed set of quadrature points, a few 256-bit vectors wide.</summary>
internal interface IPoints<T> where T : unmanaged, IPoints<T>
{
    static abstract T Splat(double value);
    static abstract T Load(ReadOnlySpan<double> values);
    static abstract double Dot(T a, T b);
    static abstract T operator +(T a, T b);
    static abstract T operator -(T a, T b);
    static abstract T operator *(T a, T b);
    static abstract T operator /(T a, T b);
}

internal readonly struct Points4(Vector256<double> a) : IPoints<Points4>
{
    private readonly Vector256<double> _a = a;
    public static Points4 Splat(double value) => new(Vector256.Create(value));
    public static Points4 Load(ReadOnlySpan<double> values) => new(Vector256.Create(values));
    public static double Dot(Points4 a, Points4 b) => Vector256.Sum(a._a * b._a);
    public static Points4 operator +(Points4 a, Points4 b) => new(a._a + b._a);
    public static Points4 operator -(Points4 a, Points4 b) => new(a._a - b._a);
    public static Points4 operator *(Points4 a, Points4 b) => new(a._a * b._a);
    public static Points4 operator /(Points4 a, Points4 b) => new(a._a / b._a);
}

internal readonly struct Points8(Vector256<double> a, Vector256<double> b) : IPoints<Points8>
{
    private readonly Vector256<double> _a = a, _b = b;
    public static Points8 Splat(double value) => new(Vector256.Create(value), Vector256.Create(value));
    public static Points8 Load(ReadOnlySpan<double> values) => new(Vector256.Create(values), Vector256.Create(values[4..]));
    public static double Dot(Points8 a, Points8 b) => Vector256.Sum(a._a * b._a + a._b * b._b);
    public static Points8 operator +(Points8 a, Points8 b) => new(a._a + b._a, a._b + b._b);
    public static Points8 operator -(Points8 a, Points8 b) => new(a._a - b._a, a._b - b._b);
    public static Points8 operator *(Points8 a, Points8 b) => new(a._a * b._a, a._b * b._b);
    public static Points8 operator /(Points8 a, Points8 b) => new(a._a / b._a, a._b / b._b);
}

internal readonly struct Points16(Points8 a, Points8 b) : IPoints<Points16>
{
    private readonly Points8 _a = a, _b = b;
    public static Points16 Splat(double value) => new(Points8.Splat(value), Points8.Splat(value));
    public static Points16 Load(ReadOnlySpan<double> values) => new(Points8.Load(values), Points8.Load(values[8..]));
    public static double Dot(Points16 a, Points16 b) => Points8.Dot(a._a, b._a) + Points8.Dot(a._b, b._b);
    public static Points16 operator +(Points16 a, Points16 b) => new(a._a + b._a, a._b + b._b);
    public static Points16 operator -(Points16 a, Points16 b) => new(a._a - b._a, a._b - b._b);
    public static Points16 operator *(Points16 a, Points16 b) => new(a._a * b._a, a._b * b._b);
    public static Points16 operator /(Points16 a, Points16 b) => new(a._a / b._a, a._b / b._b);
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Keel.Learn.Models;

namespace Keel.Learn.Scoring;

/// <summary>
/// A <see cref="TreeEnsemble"/> laid out for scoring: every internal node of every tree in one array of 16-byte
/// nodes (feature, threshold, absolute child indices, the default direction for a missing value in the feature's sign
/// bit), every leaf value in one array. Rows are scored in blocks, tree by tree, so a tree stays in cache while a
/// block of rows walks it. Immutable, so any number of threads may score with one instance.
/// </summary>
internal sealed class CompiledTrees
{
    private const int Block = 32;
    private const int DefaultLeftBit = int.MinValue;

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Node(int feature, float threshold, int left, int right)
    {
        public readonly int Feature = feature;
        public readonly float Threshold = threshold;
        public readonly int Left = left;
        public readonly int Right = right;
    }

    private readonly Node[] _nodes;
    private readonly double[] _leaves;
    private readonly int[] _roots;
    private readonly int[] _outputs;
    private readonly double[] _base;
    private readonly int _featureCount;

    private static readonly ConditionalWeakTable<TreeEnsemble, CompiledTrees> Cache = new();

    /// <summary>The compiled form of an ensemble, built once per instance.</summary>
    public static CompiledTrees Of(TreeEnsemble ensemble) => Cache.GetValue(ensemble, e => new CompiledTrees(e));

    private CompiledTrees(TreeEnsemble ensemble)
    {
        _featureCount = ensemble.FeatureCount;
        _base = (double[])ensemble.BaseScore.Clone();
        _outputs = (int[])ensemble.TreeOutput.Clone();
        var trees = ensemble.Trees;
        _nodes = new Node[trees.Sum(t => t.SplitFeature.Length)];
        _leaves = new double[trees.Sum(t => t.LeafCount)];
        _roots = new int[trees.Length];
        int nodeBase = 0, leafBase = 0;
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = trees[t];
            tree.LeafValue.CopyTo(_leaves, leafBase);
            var internals = tree.SplitFeature.Length;
            _roots[t] = internals == 0 ? ~leafBase : nodeBase;
            for (var i = 0; i < internals; i++)
            {
                var feature = tree.SplitFeature[i];
                if ((uint)feature >= (uint)_featureCount)
                    throw new KeelLearnException($"Tree {t} splits on feature {feature}, but the model has {_featureCount} features.");
                _nodes[nodeBase + i] = new Node(
                    tree.DefaultLeft[i] ? feature | DefaultLeftBit : feature,
                    tree.Threshold[i],
                    Child(tree.LeftChild[i]),
                    Child(tree.RightChild[i]));
            }
            nodeBase += internals;
            leafBase += tree.LeafCount;

            int Child(int c) => c < 0 ? ~(leafBase + ~c) : nodeBase + c;
        }
    }

    public int OutputCount => _base.Length;

    /// <summary>Raw scores of one row.</summary>
    public void ScoreRow(ReadOnlySpan<float> x, Span<double> raw)
    {
        if (x.Length < _featureCount) throw new ArgumentException($"A row needs {_featureCount} features.", nameof(x));
        _base.CopyTo(raw);
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var row = ref MemoryMarshal.GetReference(x);
        if (_base.Length == 1)
        {
            double sum = 0;
            foreach (var root in _roots) sum += _leaves[~Walk(ref nodes, ref row, root)];
            raw[0] += sum;
            return;
        }
        for (var t = 0; t < _roots.Length; t++) raw[_outputs[t]] += _leaves[~Walk(ref nodes, ref row, _roots[t])];
    }

    /// <summary>
    /// Raw scores of <paramref name="rows"/> rows of <paramref name="width"/> features (row-major) into
    /// <c>rows × OutputCount</c> values, on up to <paramref name="threads"/> threads (1 scores on the caller's).
    /// </summary>
    public void Score(ReadOnlySpan<float> x, int rows, int width, Span<double> raw, int threads = 1)
    {
        if (width < _featureCount) throw new ArgumentException($"Rows need {_featureCount} features, not {width}.", nameof(width));
        if (x.Length < (long)rows * width) throw new ArgumentException($"{x.Length} values do not fill {rows} rows of {width}.", nameof(x));
        if (raw.Length < (long)rows * OutputCount) throw new ArgumentException($"raw must hold {rows * OutputCount} values.", nameof(raw));
        var blocks = (rows + Block - 1) / Block;
        if (threads <= 1 || blocks < 4)
        {
            for (var b = 0; b < blocks; b++) ScoreBlock(x, width, raw, b * Block, Math.Min(rows, (b + 1) * Block));
            return;
        }
        unsafe
        {
            fixed (float* px = x)
            fixed (double* praw = raw)
            {
                var (xs, rs, xLength, rawLength) = ((IntPtr)px, (IntPtr)praw, x.Length, raw.Length);
                Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, b =>
                    ScoreBlock(new ReadOnlySpan<float>((void*)xs, xLength), width, new Span<double>((void*)rs, rawLength), b * Block, Math.Min(rows, (b + 1) * Block)));
            }
        }
    }

    private void ScoreBlock(ReadOnlySpan<float> x, int width, Span<double> raw, int from, int to)
    {
        var k = OutputCount;
        for (var i = from; i < to; i++) _base.CopyTo(raw.Slice(i * k, k));
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var first = ref MemoryMarshal.GetReference(x);
        for (var t = 0; t < _roots.Length; t++)
        {
            var root = _roots[t];
            var output = _outputs[t];
            for (var i = from; i < to; i++)
                raw[i * k + output] += _leaves[~Walk(ref nodes, ref Unsafe.Add(ref first, i * width), root)];
        }
    }

    /// <summary>The (complemented) leaf a row reaches from a root: NaN follows the node's default direction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Walk(ref Node nodes, ref float row, int node)
    {
        while (node >= 0)
        {
            ref readonly var n = ref Unsafe.Add(ref nodes, node);
            var v = Unsafe.Add(ref row, n.Feature & int.MaxValue);
            var left = v <= n.Threshold || (n.Feature < 0 && float.IsNaN(v));
            node = left ? n.Left : n.Right;
        }
        return node;
    }
}

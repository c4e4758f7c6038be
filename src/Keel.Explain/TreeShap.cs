using Keel.Learn;
using Keel.Learn.Featurization;
using Keel.Learn.Models;

namespace Keel.Explain;

/// <summary>
/// Exact SHAP values of a <see cref="TreeEnsemble"/> by path-dependent TreeSHAP: Lundberg, Erion and Lee (2018),
/// "Consistent Individualized Feature Attribution for Tree Ensembles", Algorithm 2. The expectation of a feature
/// left out is taken over the training rows as the node covers record them, so the values need no background data
/// and are exact for the tree's own conditional expectations, in O(trees × leaves × depth²) per row.
/// Immutable and thread-safe.
/// </summary>
/// <example>
/// <code>
/// var shap = new TreeShap((TreeEnsemble)model.Predictor);
/// ShapValues values = shap.Explain(model.Features.Transform(rows));   // values.Total(i) == raw score of row i
/// </code>
/// </example>
public sealed class TreeShap
{
    /// <summary>One element of the path of unique features from the root to the current node.</summary>
    private struct PathElement
    {
        public int Feature;
        public double Zero;   // share of the training rows that reach here when the feature is left out
        public double One;    // 1 when the explained row follows this path at the feature, else 0
        public double Weight; // the permutation weight of subsets of this size
    }

    /// <summary>Doubles the per-leaf tables of the precomputed variant may take: 16 Mi (128 MiB).</summary>
    public const long DefaultTableBudget = 16L << 20;

    private readonly TreeEnsemble _ensemble;
    private readonly int _maxDepth;
    private readonly PrecomputedTreeShap? _precomputed;
    private readonly QuadratureTreeShap? _quadrature;

    /// <summary>
    /// Prepares an ensemble. With <paramref name="algorithm"/> Auto, every row is one quadrature walk of each tree
    /// (<see cref="TreeShapAlgorithm.Quadrature"/>, O(nodes × depth/2) a row, nothing precomputed) when every cover is
    /// positive and no tree is deeper than 32; otherwise each row runs the recursion (O(leaves × depth²)). Per-leaf
    /// tables (<see cref="TreeShapAlgorithm.Precomputed"/>) are built only when asked for, within
    /// <paramref name="tableBudget"/> doubles. All give the same values.
    /// </summary>
    public TreeShap(TreeEnsemble ensemble, TreeShapAlgorithm algorithm = TreeShapAlgorithm.Auto, long tableBudget = DefaultTableBudget)
    {
        _ensemble = ensemble;
        var baseValue = (double[])ensemble.BaseScore.Clone();
        for (var t = 0; t < ensemble.Trees.Length; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.SplitFeature.Length > 0 && (tree.NodeCover.Length != tree.SplitFeature.Length || tree.LeafCover.Length != tree.LeafCount))
                throw new KeelLearnException($"Tree {t} has no node covers, which TreeSHAP needs. Models Keel trains have them; for another ensemble, count the training rows through each node (TreeEnsemble.WithCovers).");
            baseValue[ensemble.TreeOutput[t]] += Expectation(tree, t);
            _maxDepth = Math.Max(_maxDepth, Shapley.Depth(tree));
        }
        BaseValue = baseValue;
        if (algorithm != TreeShapAlgorithm.Recursive)
        {
            var size = PrecomputedTreeShap.TableSize(ensemble);
            if (size is null && algorithm != TreeShapAlgorithm.Auto)
                throw new KeelLearnException($"The {algorithm.ToString().ToLowerInvariant()} TreeSHAP needs every node to have training weight; this model has an empty branch. Use TreeShapAlgorithm.Recursive (or Auto).");
            if (algorithm == TreeShapAlgorithm.Precomputed)
            {
                if (size > tableBudget)
                    throw new KeelLearnException($"The precomputed TreeSHAP tables would take {size:N0} doubles, more than the budget of {tableBudget:N0}. Use TreeShapAlgorithm.Quadrature (or Auto), or raise the budget.");
                _precomputed = PrecomputedTreeShap.Build(ensemble);
                TableDoubles = size!.Value;
            }
            else if (size is not null)
            {
                if (_maxDepth <= QuadratureTreeShap.MaxSupportedDepth) _quadrature = new QuadratureTreeShap(ensemble);
                else if (algorithm == TreeShapAlgorithm.Quadrature)
                    throw new KeelLearnException($"The quadrature TreeSHAP takes trees up to depth {QuadratureTreeShap.MaxSupportedDepth}; this model has a tree of depth {_maxDepth}. Use TreeShapAlgorithm.Recursive (or Auto).");
            }
        }
        Algorithm = _precomputed is not null ? TreeShapAlgorithm.Precomputed : _quadrature is not null ? TreeShapAlgorithm.Quadrature : TreeShapAlgorithm.Recursive;
    }

    /// <summary>The size of the precomputed tables in doubles; 0 when they were not built.</summary>
    public long TableDoubles { get; }

    /// <summary>The algorithm that explains rows.</summary>
    public TreeShapAlgorithm Algorithm { get; }

    /// <summary>The expected raw score per output over the training rows: SHAP's <c>expected_value</c>.</summary>
    public double[] BaseValue { get; }

    /// <summary>SHAP values of each row of features, on up to <paramref name="threads"/> threads.</summary>
    public ShapValues Explain(FeatureMatrix features, int threads = 1)
    {
        if (features.Columns != _ensemble.FeatureCount)
            throw new KeelLearnException($"The model has {_ensemble.FeatureCount} features but the rows have {features.Columns}.");
        var width = features.Columns;
        var outputs = _ensemble.OutputCount;
        var values = new double[(long)features.Rows * width * outputs];
        if (_precomputed is { } tables)
        {
            var blocks = (features.Rows + PrecomputedTreeShap.BlockRows - 1) / PrecomputedTreeShap.BlockRows;
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, () => tables.NewScratch(), (b, _, scratch) =>
            {
                var first = b * PrecomputedTreeShap.BlockRows;
                var count = Math.Min(PrecomputedTreeShap.BlockRows, features.Rows - first);
                tables.ExplainBlock(features.Values, width, first, count, values.AsSpan(first * width * outputs, count * width * outputs), scratch);
                return scratch;
            }, _ => { });
            return new ShapValues(values, features.Rows, features.Names, outputs, (double[])BaseValue.Clone());
        }
        Parallel.For(0, features.Rows, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            () => NewScratch(),
            (row, _, scratch) =>
            {
                ExplainRow(features.Row(row), values.AsSpan((int)((long)row * width * outputs), width * outputs), scratch);
                return scratch;
            },
            _ => { });
        return new ShapValues(values, features.Rows, features.Names, outputs, (double[])BaseValue.Clone());
    }

    /// <summary>
    /// SHAP interaction values (Lundberg et al. 2020; Fujimoto et al.'s Shapley interaction index), path-dependent:
    /// <c>[(row × F + i) × F + j) × Outputs + k]</c> for F features. Off the diagonal, half the change in φ_i when feature j
    /// is always known rather than never; on it, φ_i minus the row's other interactions, so each row of the matrix sums
    /// to φ_i and the whole matrix to f(x) − base value. Costs two TreeSHAP runs per feature the trees split on (each a
    /// quadrature walk with the feature conditioned on, when the model allows it).
    /// </summary>
    public double[] Interactions(FeatureMatrix features, int threads = 1)
    {
        if (features.Columns != _ensemble.FeatureCount)
            throw new KeelLearnException($"The model has {_ensemble.FeatureCount} features but the rows have {features.Columns}.");
        var f = features.Columns;
        var outputs = _ensemble.OutputCount;
        var used = _ensemble.Trees.SelectMany(t => t.SplitFeature).Distinct().Order().ToArray();
        var result = new double[(long)features.Rows * f * f * outputs];
        Parallel.For(0, features.Rows, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, row =>
        {
            var x = features.Row(row);
            var scratch = NewScratch();
            var phi = new double[f * outputs];
            var on = new double[f * outputs];
            var off = new double[f * outputs];
            Run(x, phi, scratch, 0, -1);
            var m = result.AsSpan((int)((long)row * f * f * outputs), f * f * outputs);
            foreach (var j in used)
            {
                Array.Clear(on);
                Array.Clear(off);
                Run(x, on, scratch, 1, j);
                Run(x, off, scratch, -1, j);
                for (var i = 0; i < f; i++)
                    for (var k = 0; k < outputs; k++)
                        if (i != j) m[(i * f + j) * outputs + k] = (on[i * outputs + k] - off[i * outputs + k]) / 2;
            }
            for (var i = 0; i < f; i++)
                for (var k = 0; k < outputs; k++)
                {
                    var rest = 0.0;
                    for (var j = 0; j < f; j++) if (j != i) rest += m[(i * f + j) * outputs + k];
                    m[(i * f + i) * outputs + k] = phi[i * outputs + k] - rest;
                }
        });
        return result;
    }

    /// <summary>One TreeSHAP run, <paramref name="conditionFeature"/> always known (+1), never known (−1) or a player (0).</summary>
    private void Run(ReadOnlySpan<float> x, Span<double> phi, Scratch scratch, int condition, int conditionFeature)
    {
        if (_quadrature is not null)
        {
            _quadrature.ExplainRow(x, phi, scratch.Walk!, 0, _quadrature.TreeCount, condition == 0 ? -1 : conditionFeature, known: condition > 0);
            return;
        }
        var path = scratch.Path;
        var outputs = _ensemble.OutputCount;
        for (var t = 0; t < _ensemble.Trees.Length; t++)
        {
            var tree = _ensemble.Trees[t];
            if (tree.SplitFeature.Length == 0) continue;
            Recurse(tree, x, phi, outputs, _ensemble.TreeOutput[t], path, 0, 0, 0, 1, 1, -1, condition, conditionFeature, 1);
        }
    }

    /// <summary>SHAP values of one row into <paramref name="phi"/> (features × outputs, zeroed by the caller).</summary>
    public void ExplainRow(ReadOnlySpan<float> x, Span<double> phi) => ExplainRow(x, phi, NewScratch());

    /// <summary>
    /// SHAP values of one row into <paramref name="phi"/> (features × outputs, zeroed by the caller), its trees split
    /// over up to <paramref name="threads"/> threads: for one large model explained on demand. Rows of a batch are
    /// better spread over threads by <see cref="Explain"/>.
    /// </summary>
    public void ExplainRow(ReadOnlySpan<float> x, Span<double> phi, int threads)
    {
        if (_quadrature is not { } walk || threads <= 1 || walk.TreeCount < 2 * threads)
        {
            ExplainRow(x, phi);
            return;
        }
        var row = x.ToArray();
        var length = phi.Length;
        var parts = new double[threads][];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            parts[part] = new double[length];
            walk.ExplainRow(row, parts[part], walk.NewScratch(), walk.TreeCount * part / threads, walk.TreeCount * (part + 1) / threads);
        });
        foreach (var part in parts)
            for (var i = 0; i < phi.Length; i++) phi[i] += part[i];
    }

    /// <summary>A thread's working memory: the recursion's path buffer, the precomputed variant's, the quadrature's.</summary>
    private sealed record Scratch(PathElement[] Path, PrecomputedTreeShap.Scratch? Tables, QuadratureTreeShap.Scratch? Walk);

    private Scratch NewScratch() => new(NewPath(), _precomputed?.NewScratch(), _quadrature?.NewScratch());

    /// <summary>Room for the path of every level of the deepest tree, each level a copy of its parent's plus one.</summary>
    private PathElement[] NewPath() => new PathElement[(_maxDepth + 3) * (_maxDepth + 4) / 2];

    private void ExplainRow(ReadOnlySpan<float> x, Span<double> phi, Scratch scratch)
    {
        if (_quadrature is not null)
        {
            _quadrature.ExplainRow(x, phi, scratch.Walk!, 0, _quadrature.TreeCount);
            return;
        }
        if (_precomputed is not null)
        {
            _precomputed.ExplainBlock(x, x.Length, 0, 1, phi, scratch.Tables!);
            return;
        }
        var path = scratch.Path;
        var outputs = _ensemble.OutputCount;
        for (var t = 0; t < _ensemble.Trees.Length; t++)
        {
            var tree = _ensemble.Trees[t];
            if (tree.SplitFeature.Length == 0) continue; // a single leaf moves only the base value
            Recurse(tree, x, phi, outputs, _ensemble.TreeOutput[t], path, parentStart: 0, node: 0, depth: 0, zero: 1, one: 1, feature: -1,
                condition: 0, conditionFeature: -1, conditionFraction: 1);
        }
    }

    /// <summary>
    /// Walks a subtree: <paramref name="node"/> is Keel's child reference (an internal node, or ~leaf), the path of
    /// the parent lives at <paramref name="parentStart"/> with <paramref name="depth"/> + 1 elements before the
    /// extension, and this call's copy goes right after it.
    /// </summary>
    /// <remarks>
    /// <paramref name="condition"/> +1 keeps <paramref name="conditionFeature"/> always known, −1 never known (it is then
    /// left off the path and its splits weigh the walk by <paramref name="conditionFraction"/>); 0 is plain TreeSHAP.
    /// Interaction values are the difference of the two conditioned runs.
    /// </remarks>
    private static void Recurse(DecisionTree tree, ReadOnlySpan<float> x, Span<double> phi, int outputs, int output, PathElement[] buffer,
        int parentStart, int node, int depth, double zero, double one, int feature, int condition, int conditionFeature, double conditionFraction)
    {
        if (conditionFraction == 0) return;
        var start = parentStart + depth + 1;
        Array.Copy(buffer, parentStart, buffer, start, depth + 1); // the last element copied is overwritten by Extend
        var path = buffer.AsSpan(start);
        if (condition == 0 || feature != conditionFeature) Extend(path, depth, zero, one, feature);

        if (node < 0)
        {
            var value = tree.LeafValue[~node];
            for (var i = 1; i <= depth; i++)
            {
                var w = UnwoundSum(path, depth, i);
                ref readonly var e = ref path[i];
                phi[e.Feature * outputs + output] += w * (e.One - e.Zero) * value * conditionFraction;
            }
            return;
        }

        var split = tree.SplitFeature[node];
        var v = x[split];
        var goesLeft = float.IsNaN(v) ? tree.DefaultLeft[node] : v <= tree.Threshold[node];
        var (hot, cold) = goesLeft ? (tree.LeftChild[node], tree.RightChild[node]) : (tree.RightChild[node], tree.LeftChild[node]);
        var cover = tree.NodeCover[node];
        var hotZero = Cover(tree, hot) / cover;
        var coldZero = Cover(tree, cold) / cover;

        // A feature already on the path is undone, so that its two splits count as one.
        double incomingZero = 1, incomingOne = 1;
        var k = 0;
        while (k <= depth && path[k].Feature != split) k++;
        if (k <= depth)
        {
            incomingZero = path[k].Zero;
            incomingOne = path[k].One;
            Unwind(path, depth, k);
            depth--;
        }
        double hotCondition = conditionFraction, coldCondition = conditionFraction;
        if (condition > 0 && split == conditionFeature)
        {
            coldCondition = 0;
            depth--;
        }
        else if (condition < 0 && split == conditionFeature)
        {
            hotCondition *= hotZero;
            coldCondition *= coldZero;
            depth--;
        }
        Recurse(tree, x, phi, outputs, output, buffer, start, hot, depth + 1, hotZero * incomingZero, incomingOne, split, condition, conditionFeature, hotCondition);
        Recurse(tree, x, phi, outputs, output, buffer, start, cold, depth + 1, coldZero * incomingZero, 0, split, condition, conditionFeature, coldCondition);
    }

    private static double Cover(DecisionTree tree, int child) => child < 0 ? tree.LeafCover[~child] : tree.NodeCover[child];

    /// <summary>Adds a feature to the path, updating the weights of every subset size.</summary>
    private static void Extend(Span<PathElement> path, int depth, double zero, double one, int feature)
    {
        path[depth] = new PathElement { Feature = feature, Zero = zero, One = one, Weight = depth == 0 ? 1 : 0 };
        for (var i = depth - 1; i >= 0; i--)
        {
            path[i + 1].Weight += one * path[i].Weight * (i + 1) / (depth + 1);
            path[i].Weight = zero * path[i].Weight * (depth - i) / (depth + 1);
        }
    }

    /// <summary>Removes element <paramref name="index"/> from the path, undoing its <see cref="Extend"/>.</summary>
    private static void Unwind(Span<PathElement> path, int depth, int index)
    {
        var one = path[index].One;
        var zero = path[index].Zero;
        var next = path[depth].Weight;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var previous = path[i].Weight;
                path[i].Weight = next * (depth + 1) / ((i + 1) * one);
                next = previous - path[i].Weight * zero * (depth - i) / (depth + 1);
            }
            else
            {
                path[i].Weight = path[i].Weight * (depth + 1) / (zero * (depth - i));
            }
        }
        for (var i = index; i < depth; i++)
        {
            path[i].Feature = path[i + 1].Feature;
            path[i].Zero = path[i + 1].Zero;
            path[i].One = path[i + 1].One;
        }
    }

    /// <summary>The total weight the path would have without element <paramref name="index"/>, without changing it.</summary>
    private static double UnwoundSum(Span<PathElement> path, int depth, int index)
    {
        var one = path[index].One;
        var zero = path[index].Zero;
        var next = path[depth].Weight;
        double total = 0;
        if (one != 0)
        {
            for (var i = depth - 1; i >= 0; i--)
            {
                var share = next / ((i + 1) * one);
                total += share;
                next = path[i].Weight - share * zero * (depth - i);
            }
        }
        else if (zero != 0)
        {
            for (var i = depth - 1; i >= 0; i--) total += path[i].Weight / (zero * (depth - i));
        }
        return total * (depth + 1);
    }

    /// <summary>The cover-weighted mean leaf value of a tree: its expected output over the training rows.</summary>
    private static double Expectation(DecisionTree tree, int index)
    {
        if (tree.SplitFeature.Length == 0) return tree.LeafValue[0];
        double total = 0, weight = 0;
        for (var l = 0; l < tree.LeafCount; l++)
        {
            total += tree.LeafCover[l] * tree.LeafValue[l];
            weight += tree.LeafCover[l];
        }
        if (weight <= 0) throw new KeelLearnException($"Tree {index} has no training weight in its leaves; TreeSHAP needs positive covers.");
        return total / weight;
    }

}

using Keel.Learn.Featurization;
using Keel.Learn.Models;

namespace Keel.Learn.Anomaly;

/// <summary>
/// Grows one isolation tree (scikit-learn's <c>ExtraTreeRegressor</c> with <c>max_features=1</c> on random targets):
/// at each node a feature is drawn at random among those not constant in the node (constant ones are skipped, not
/// counted), and the threshold uniformly between the node's minimum and maximum; a node with one row, no splittable
/// feature, or at the depth limit is a leaf holding (depth + c(rows)) / trees.
/// </summary>
internal sealed class IsolationTreeBuilder(FeatureMatrix features, Random random, int maxDepth, int treeCount)
{
    /// <summary>scikit-learn's FEATURE_THRESHOLD: a feature whose range in a node is at most this is constant there.</summary>
    private const float ConstantRange = 1e-7f;

    private readonly List<int> _splitFeature = [];
    private readonly List<float> _threshold = [];
    private readonly List<int> _left = [];
    private readonly List<int> _right = [];
    private readonly List<double> _nodeCover = [];
    private readonly List<double> _leafValue = [];
    private readonly List<double> _leafCover = [];
    private int[] _features = [];
    private int[] _rows = [];

    public DecisionTree Grow(int samples, int featureCount)
    {
        _rows = Sample(features.Rows, samples);
        _features = Sample(features.Columns, featureCount);
        Node(0, samples, 0);
        return Build();
    }

    /// <summary>k distinct indexes of 0..n−1 in random order (a partial Fisher–Yates shuffle).</summary>
    private int[] Sample(int n, int k)
    {
        var all = Enumerable.Range(0, n).ToArray();
        for (var i = 0; i < k; i++)
        {
            var j = i + random.Next(n - i);
            (all[i], all[j]) = (all[j], all[i]);
        }
        return all[..k];
    }

    /// <summary>Grows the node of rows _rows[start..end); returns its index, or ~leaf.</summary>
    private int Node(int start, int end, int depth)
    {
        var count = end - start;
        if (count > 1 && depth < maxDepth && TrySplit(start, end, out var feature, out var threshold))
        {
            var node = _splitFeature.Count;
            _splitFeature.Add(feature);
            _threshold.Add(threshold);
            _left.Add(0);
            _right.Add(0);
            _nodeCover.Add(count);
            var middle = Partition(start, end, feature, threshold);
            var left = Node(start, middle, depth + 1);
            var right = Node(middle, end, depth + 1);
            _left[node] = left;
            _right[node] = right;
            return node;
        }
        var leaf = _leafValue.Count;
        _leafValue.Add((depth + AveragePathLength.Of(count)) / treeCount);
        _leafCover.Add(count);
        return ~leaf;
    }

    /// <summary>Draws features without replacement until one is not constant in the node, and a threshold in its range.</summary>
    private bool TrySplit(int start, int end, out int feature, out float threshold)
    {
        var width = features.Columns;
        var values = features.Values;
        var remaining = _features.Length;
        var order = (int[])_features.Clone();
        while (remaining > 0)
        {
            var pick = random.Next(remaining);
            feature = order[pick];
            order[pick] = order[--remaining];
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            for (var i = start; i < end; i++)
            {
                var v = values[(long)_rows[i] * width + feature];
                if (v < min) min = v;
                if (v > max) max = v;
            }
            if (max <= min + ConstantRange) continue;
            threshold = (float)(min + random.NextDouble() * ((double)max - min));
            if (threshold >= max) threshold = min;
            return true;
        }
        feature = -1;
        threshold = 0;
        return false;
    }

    /// <summary>Moves the node's rows at most the threshold to the front; returns where the others begin.</summary>
    private int Partition(int start, int end, int feature, float threshold)
    {
        var width = features.Columns;
        var values = features.Values;
        int i = start, j = end - 1;
        while (i <= j)
        {
            if (values[(long)_rows[i] * width + feature] <= threshold)
            {
                i++;
                continue;
            }
            (_rows[i], _rows[j]) = (_rows[j], _rows[i]);
            j--;
        }
        return i;
    }

    private DecisionTree Build() => new()
    {
        SplitFeature = [.. _splitFeature],
        Threshold = [.. _threshold],
        DefaultLeft = Enumerable.Repeat(true, _splitFeature.Count).ToArray(),
        LeftChild = [.. _left],
        RightChild = [.. _right],
        LeafValue = [.. _leafValue],
        NodeCover = [.. _nodeCover],
        LeafCover = [.. _leafCover],
    };
}

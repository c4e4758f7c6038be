namespace Keel.Tuning.Importance;

/// <summary>
/// A CART regression tree (squared error, as scikit-learn's <c>DecisionTreeRegressor</c> with
/// <c>min_samples_split=2</c>, <c>min_samples_leaf=1</c> and every feature tried at each node): numeric features split
/// at the midpoint between two neighbouring values, categorical ones into two sets of choices (the choices ordered by
/// their mean target, Breiman et al. 1984). The nodes are flat arrays; node 0 is the root.
/// </summary>
internal sealed class RegressionTree
{
    private readonly List<int> _feature = [];
    private readonly List<double> _threshold = [];
    private readonly List<bool[]?> _leftChoices = [];
    private readonly List<int> _left = [];
    private readonly List<int> _right = [];
    private readonly List<double> _value = [];

    /// <summary>The split feature of each node, or -1 at a leaf.</summary>
    public IReadOnlyList<int> Feature => _feature;

    /// <summary>A numeric split's threshold: rows with x ≤ threshold go left.</summary>
    public IReadOnlyList<double> Threshold => _threshold;

    /// <summary>A categorical split's choices that go left (the rest go right), or null for a numeric split or a leaf.</summary>
    public IReadOnlyList<bool[]?> LeftChoices => _leftChoices;

    public IReadOnlyList<int> Left => _left;

    public IReadOnlyList<int> Right => _right;

    /// <summary>The mean target of the rows that reached the node (a leaf's prediction).</summary>
    public IReadOnlyList<double> Value => _value;

    public int NodeCount => _feature.Count;

    /// <summary>Grows a tree on the rows <paramref name="sample"/> (repeats allowed: a bootstrap sample) of <paramref name="x"/>.</summary>
    public static RegressionTree Fit(double[][] x, double[] y, IReadOnlyList<AnovaDimension> dimensions, int[] sample, int maxDepth, Random random)
    {
        var tree = new RegressionTree();
        tree.Grow(x, y, dimensions, sample, 0, maxDepth, random);
        return tree;
    }

    /// <summary>A tree given node by node, for tests: (feature, threshold, left, right, value), feature -1 at a leaf.</summary>
    internal static RegressionTree FromNodes(params (int Feature, double Threshold, int Left, int Right, double Value)[] nodes)
    {
        var tree = new RegressionTree();
        foreach (var n in nodes) tree.Add(n.Feature, n.Threshold, null, n.Left, n.Right, n.Value);
        return tree;
    }

    private int Add(int feature, double threshold, bool[]? leftChoices, int left, int right, double value)
    {
        _feature.Add(feature);
        _threshold.Add(threshold);
        _leftChoices.Add(leftChoices);
        _left.Add(left);
        _right.Add(right);
        _value.Add(value);
        return _feature.Count - 1;
    }

    private int Grow(double[][] x, double[] y, IReadOnlyList<AnovaDimension> dimensions, int[] rows, int depth, int maxDepth, Random random)
    {
        var mean = rows.Average(r => y[r]);
        var node = Add(-1, 0, null, -1, -1, mean);
        if (depth >= maxDepth || rows.Length < 2 || rows.All(r => y[r] == y[rows[0]])) return node;

        var order = Enumerable.Range(0, dimensions.Count).ToArray();
        random.Shuffle(order);
        Split? best = null;
        foreach (var f in order)
            if (BestSplit(x, y, rows, f, dimensions[f]) is { } s && (best is null || s.Gain > best.Gain)) best = s;
        if (best is null) return node;

        var goesLeft = rows.Select(r => GoesLeft(best, x[r][best.Feature])).ToArray();
        var left = rows.Where((_, i) => goesLeft[i]).ToArray();
        var right = rows.Where((_, i) => !goesLeft[i]).ToArray();
        var l = Grow(x, y, dimensions, left, depth + 1, maxDepth, random);
        var r = Grow(x, y, dimensions, right, depth + 1, maxDepth, random);
        _feature[node] = best.Feature;
        _threshold[node] = best.Threshold;
        _leftChoices[node] = best.LeftChoices;
        _left[node] = l;
        _right[node] = r;
        return node;
    }

    private sealed record Split(int Feature, double Threshold, bool[]? LeftChoices, double Gain);

    private static bool GoesLeft(Split s, double value) => s.LeftChoices is { } set ? set[(int)value] : value <= s.Threshold;

    /// <summary>The split of one feature with the largest drop in squared error, or null when its values are all equal.</summary>
    private static Split? BestSplit(double[][] x, double[] y, int[] rows, int feature, AnovaDimension dimension)
    {
        if (dimension.Categorical) return BestChoiceSplit(x, y, rows, feature, dimension.Choices);
        var sorted = rows.OrderBy(r => x[r][feature]).ToArray();
        var keys = sorted.Select(r => x[r][feature]).ToArray();
        var gain = BestCut(keys, sorted.Select(r => y[r]).ToArray(), out var at);
        return at < 0 ? null : new Split(feature, keys[at] / 2 + keys[at + 1] / 2, null, gain); // the midpoint as scikit-learn computes it
    }

    private static Split? BestChoiceSplit(double[][] x, double[] y, int[] rows, int feature, int choices)
    {
        var groups = rows.GroupBy(r => (int)x[r][feature]).Select(g => (Choice: g.Key, Mean: g.Average(r => y[r]))).OrderBy(g => g.Mean).ThenBy(g => g.Choice).ToArray();
        if (groups.Length < 2) return null;
        var rank = groups.Select((g, i) => (g.Choice, i)).ToDictionary(p => p.Choice, p => (double)p.i);
        var sorted = rows.OrderBy(r => rank[(int)x[r][feature]]).ToArray();
        var gain = BestCut(sorted.Select(r => rank[(int)x[r][feature]]).ToArray(), sorted.Select(r => y[r]).ToArray(), out var at);
        var cut = rank[(int)x[sorted[at]][feature]];
        var left = new bool[choices];
        foreach (var (choice, i) in rank) left[choice] = i <= cut;
        return new Split(feature, double.NaN, left, gain); // choices no row of the node has go right
    }

    /// <summary>
    /// The cut of rows sorted by key, between two different keys, that most reduces the squared error; returns the
    /// reduction and the last index of the left part (-1 when all keys are equal).
    /// </summary>
    private static double BestCut(double[] keys, double[] targets, out int at)
    {
        var n = keys.Length;
        var total = targets.Sum();
        var left = 0.0;
        var best = double.NegativeInfinity;
        at = -1;
        for (var i = 0; i < n - 1; i++)
        {
            left += targets[i];
            if (keys[i] == keys[i + 1]) continue;
            var nl = i + 1;
            var gain = left * left / nl + (total - left) * (total - left) / (n - nl) - total * total / n;
            if (gain > best)
            {
                best = gain;
                at = i;
            }
        }
        return best;
    }
}

namespace Keel.Tuning.Importance;

/// <summary>
/// The functional ANOVA of one regression tree over the search space's box (Hutter, Hoos &amp; Leyton-Brown 2014):
/// the tree is a piecewise constant function f, and with the parameters independent and uniform on their dimensions
/// its variance V = E[(f − E f)²] splits into the variance of each parameter's main effect,
/// V_d = E[(E[f | x_d] − E f)²], the variance of pairwise effects, and so on. Both are exact sums over the tree's
/// leaves (boxes): E[f | x_d] is constant between two neighbouring thresholds on d, and a leaf contributes to it its
/// value times its volume along the other dimensions.
/// </summary>
internal static class FunctionalAnova
{
    /// <summary>The total variance of the tree over the box and the variance of each dimension's main effect.</summary>
    public static (double Total, double[] Main) Decompose(RegressionTree tree, IReadOnlyList<AnovaDimension> dimensions)
    {
        var leaves = new List<(double Value, double[] Share, Region Region)>();
        Collect(tree, 0, Region.Whole(dimensions), dimensions, leaves);
        var weights = leaves.Select(l => l.Share.Aggregate(1.0, (p, s) => p * s)).ToArray();
        var mean = leaves.Select((l, i) => weights[i] * l.Value).Sum();
        var total = leaves.Select((l, i) => weights[i] * (l.Value - mean) * (l.Value - mean)).Sum();
        var main = new double[dimensions.Count];
        if (total <= 0) return (0, main);
        for (var d = 0; d < dimensions.Count; d++)
        {
            var variance = 0.0;
            foreach (var (low, high, share) in Cells(tree, d, dimensions[d]))
            {
                if (share <= 0) continue;
                var conditional = 0.0;
                for (var i = 0; i < leaves.Count; i++)
                    if (leaves[i].Share[d] > 0 && leaves[i].Region.Covers(d, low, high, dimensions[d]))
                        conditional += leaves[i].Value * weights[i] / leaves[i].Share[d];
                variance += share * (conditional - mean) * (conditional - mean);
            }
            main[d] = variance;
        }
        return (total, main);
    }

    /// <summary>
    /// The pieces of a dimension on which E[f | x_d] is constant: between neighbouring thresholds of the tree's splits
    /// on it (a numeric dimension), or each choice (a categorical one); each with its share of the dimension.
    /// </summary>
    private static IEnumerable<(double Low, double High, double Share)> Cells(RegressionTree tree, int d, AnovaDimension dimension)
    {
        if (dimension.Categorical)
        {
            for (var c = 0; c < dimension.Choices; c++) yield return (c, c, 1.0 / dimension.Choices);
            yield break;
        }
        var points = Enumerable.Range(0, tree.NodeCount).Where(n => tree.Feature[n] == d)
            .Select(n => Math.Clamp(tree.Threshold[n], dimension.Low, dimension.High))
            .Append(dimension.Low).Append(dimension.High).Distinct().Order().ToArray();
        var width = dimension.High - dimension.Low;
        for (var i = 0; i + 1 < points.Length; i++) yield return (points[i], points[i + 1], (points[i + 1] - points[i]) / width);
    }

    private static void Collect(RegressionTree tree, int node, Region region, IReadOnlyList<AnovaDimension> dimensions, List<(double, double[], Region)> leaves)
    {
        var feature = tree.Feature[node];
        if (feature < 0)
        {
            leaves.Add((tree.Value[node], dimensions.Select((dim, d) => region.Share(d, dim)).ToArray(), region));
            return;
        }
        var (left, right) = region.Split(feature, tree.Threshold[node], tree.LeftChoices[node]);
        Collect(tree, tree.Left[node], left, dimensions, leaves);
        Collect(tree, tree.Right[node], right, dimensions, leaves);
    }

    /// <summary>A box of the search space: an interval per numeric dimension, a set of choices per categorical one.</summary>
    private sealed class Region
    {
        private readonly double[] _low;
        private readonly double[] _high;
        private readonly bool[]?[] _choices;

        private Region(double[] low, double[] high, bool[]?[] choices) => (_low, _high, _choices) = (low, high, choices);

        public static Region Whole(IReadOnlyList<AnovaDimension> dimensions) => new(
            dimensions.Select(d => d.Low).ToArray(), dimensions.Select(d => d.High).ToArray(),
            dimensions.Select(d => d.Categorical ? Enumerable.Repeat(true, d.Choices).ToArray() : null).ToArray());

        public double Share(int d, AnovaDimension dimension) => _choices[d] is { } set
            ? (double)set.Count(c => c) / dimension.Choices
            : Math.Max(0, _high[d] - _low[d]) / (dimension.High - dimension.Low);

        /// <summary>Whether the cell [low, high] of dimension d (a choice, when low = high on a categorical one) lies in this box.</summary>
        public bool Covers(int d, double low, double high, AnovaDimension dimension) => _choices[d] is { } set
            ? set[(int)low]
            : _low[d] <= low && high <= _high[d];

        public (Region Left, Region Right) Split(int d, double threshold, bool[]? leftChoices)
        {
            var (left, right) = (Copy(), Copy());
            if (leftChoices is not null)
            {
                left._choices[d] = _choices[d]!.Select((c, i) => c && leftChoices[i]).ToArray();
                right._choices[d] = _choices[d]!.Select((c, i) => c && !leftChoices[i]).ToArray();
            }
            else
            {
                var t = Math.Clamp(threshold, _low[d], _high[d]);
                left._high[d] = t;
                right._low[d] = t;
            }
            return (left, right);
        }

        private Region Copy() => new((double[])_low.Clone(), (double[])_high.Clone(), (bool[]?[])_choices.Clone());
    }
}

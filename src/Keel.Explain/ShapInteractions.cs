namespace Keel.Explain;

/// <summary>
/// SHAP interaction values per input column (Lundberg et al. 2020): for each row a matrix whose entry (i, j), i ≠ j,
/// is half the joint effect of columns i and j beyond their separate effects, and whose diagonal is each column's
/// effect alone; a row of the matrix sums to that column's SHAP value, the whole matrix to the raw score minus the
/// base value. <c>Values[((row × C + i) × C + j) × Outputs + output]</c> for C columns.
/// </summary>
public sealed record ShapInteractions(IReadOnlyList<string> Columns, int Rows, int Outputs, double[] Values, double[] BaseValue)
{
    public double this[int row, int i, int j, int output = 0] => Values[(((long)row * Columns.Count + i) * Columns.Count + j) * Outputs + output];

    /// <summary>
    /// The pairs of columns that act together most: mean over rows and outputs of |Φ_ij + Φ_ji| (the pair's whole
    /// interaction effect), largest first.
    /// </summary>
    public IReadOnlyList<(string First, string Second, double MeanAbsolute)> StrongestPairs(int count)
    {
        var c = Columns.Count;
        var pairs = new List<(string, string, double)>();
        for (var i = 0; i < c; i++)
            for (var j = i + 1; j < c; j++)
            {
                double total = 0;
                for (var r = 0; r < Rows; r++)
                    for (var k = 0; k < Outputs; k++) total += Math.Abs(this[r, i, j, k] + this[r, j, i, k]);
                pairs.Add((Columns[i], Columns[j], total / Math.Max(1, Rows * Outputs)));
            }
        return pairs.Where(p => p.Item3 > 0).OrderByDescending(p => p.Item3).Take(count).ToArray();
    }

    /// <summary>Feature-level interaction values summed into groups, e.g. one-hot features into their column.</summary>
    internal static ShapInteractions Grouped(double[] byFeature, int rows, int features, int outputs, IReadOnlyList<string> groups, IReadOnlyList<int> groupOf, double[] baseValue)
    {
        var c = groups.Count;
        var values = new double[(long)rows * c * c * outputs];
        for (var r = 0; r < rows; r++)
            for (var i = 0; i < features; i++)
                for (var j = 0; j < features; j++)
                    for (var k = 0; k < outputs; k++)
                        values[(((long)r * c + groupOf[i]) * c + groupOf[j]) * outputs + k] += byFeature[(((long)r * features + i) * features + j) * outputs + k];
        return new ShapInteractions(groups, rows, outputs, values, baseValue);
    }
}

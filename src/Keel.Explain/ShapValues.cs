namespace Keel.Explain;

/// <summary>
/// SHAP values of rows: <c>Values[(row × Features + feature) × Outputs + output]</c> (rows, features, outputs), in the
/// model's raw score (margin) units, and the base value per output. For every row and output,
/// <c>BaseValue[output] + Σ_feature value = raw score</c>. Binary classifiers and regression have one output;
/// multiclass models one per class.
/// </summary>
public sealed class ShapValues
{
    public ShapValues(double[] values, int rows, IReadOnlyList<string> features, int outputs, double[] baseValue)
    {
        if (values.Length != (long)rows * features.Count * outputs)
            throw new ArgumentException($"{values.Length} values are not {rows} rows × {features.Count} features × {outputs} outputs.", nameof(values));
        Values = values;
        Rows = rows;
        Features = features;
        Outputs = outputs;
        BaseValue = baseValue;
    }

    public double[] Values { get; }

    public int Rows { get; }

    /// <summary>What each attribution is about: model features, or the input columns after <see cref="ByColumn"/>.</summary>
    public IReadOnlyList<string> Features { get; }

    public int Outputs { get; }

    public double[] BaseValue { get; }

    public double this[int row, int feature, int output = 0] => Values[((long)row * Features.Count + feature) * Outputs + output];

    /// <summary>The attributions of one row and output, one per feature.</summary>
    public double[] Row(int row, int output = 0)
    {
        var result = new double[Features.Count];
        for (var f = 0; f < result.Length; f++) result[f] = this[row, f, output];
        return result;
    }

    /// <summary>The sum of a row's attributions plus the base value: the raw score it explains.</summary>
    public double Total(int row, int output = 0) => BaseValue[output] + Row(row, output).Sum();

    /// <summary>
    /// Attributions summed over groups of features: <paramref name="groupOf"/>[f] is feature f's group, e.g. the input
    /// column whose one-hot and missing-indicator features it is. Additivity is kept.
    /// </summary>
    public ShapValues Grouped(IReadOnlyList<string> groups, IReadOnlyList<int> groupOf)
    {
        if (groupOf.Count != Features.Count) throw new ArgumentException($"groupOf needs one entry per feature ({Features.Count}).", nameof(groupOf));
        var values = new double[(long)Rows * groups.Count * Outputs];
        for (var r = 0; r < Rows; r++)
            for (var f = 0; f < Features.Count; f++)
                for (var k = 0; k < Outputs; k++)
                    values[((long)r * groups.Count + groupOf[f]) * Outputs + k] += this[r, f, k];
        return new ShapValues(values, Rows, groups, Outputs, BaseValue);
    }

    /// <summary>Mean |attribution| per feature (over rows and outputs): the global importance SHAP's bar plot shows.</summary>
    public double[] MeanAbsolute()
    {
        var result = new double[Features.Count];
        for (var r = 0; r < Rows; r++)
            for (var f = 0; f < Features.Count; f++)
                for (var k = 0; k < Outputs; k++)
                    result[f] += Math.Abs(this[r, f, k]);
        for (var f = 0; f < result.Length; f++) result[f] /= Math.Max(1, Rows * Outputs);
        return result;
    }
}

namespace Keel.Learn.Featurization;

/// <summary>A dense, row-major matrix of 32-bit model features, with one name per column.</summary>
public sealed class FeatureMatrix
{
    public FeatureMatrix(float[] values, int rows, IReadOnlyList<string> names)
    {
        if (values.Length != (long)rows * names.Count)
            throw new ArgumentException($"{values.Length} values do not fill {rows} rows × {names.Count} features.");
        Values = values;
        Rows = rows;
        Names = names;
    }

    public float[] Values { get; }

    public int Rows { get; }

    public int Columns => Names.Count;

    public IReadOnlyList<string> Names { get; }

    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Columns, Columns);

    public FeatureMatrix Take(ReadOnlySpan<int> rows)
    {
        var v = new float[rows.Length * Columns];
        for (var i = 0; i < rows.Length; i++) Row(rows[i]).CopyTo(v.AsSpan(i * Columns, Columns));
        return new FeatureMatrix(v, rows.Length, Names);
    }
}

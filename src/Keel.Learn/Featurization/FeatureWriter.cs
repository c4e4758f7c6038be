using System.Collections.Frozen;

namespace Keel.Learn.Featurization;

/// <summary>
/// Writes features value by value, without a <see cref="Data.Table"/>: what a server needs to featurize a request's
/// columns straight into a reusable buffer. Built once per model from its <see cref="FeaturePlan"/>; immutable and
/// thread-safe. Gives exactly the features <see cref="FeaturePlan.Transform"/> gives for the same values.
/// </summary>
public sealed class FeatureWriter
{
    private readonly int[] _offsets;
    private readonly NumericEncoding?[] _numeric;
    private readonly FrozenDictionary<string, int>?[] _categories;
    private readonly OneHotEncoding?[] _oneHot;

    public FeatureWriter(FeaturePlan plan)
    {
        Plan = plan;
        var count = plan.Encodings.Count;
        _offsets = new int[count];
        _numeric = new NumericEncoding?[count];
        _categories = new FrozenDictionary<string, int>?[count];
        _oneHot = new OneHotEncoding?[count];
        var offset = 0;
        for (var e = 0; e < count; e++)
        {
            _offsets[e] = offset;
            switch (plan.Encodings[e])
            {
                case NumericEncoding n:
                    _numeric[e] = n;
                    break;
                case OneHotEncoding o:
                    _oneHot[e] = o;
                    _categories[e] = o.Categories.Select((c, k) => (c, k)).ToFrozenDictionary(p => p.c, p => p.k, StringComparer.Ordinal);
                    break;
            }
            offset += plan.Encodings[e].FeatureNames.Count;
        }
        Width = offset;
    }

    public FeaturePlan Plan { get; }

    /// <summary>Features per row.</summary>
    public int Width { get; }

    /// <summary>Whether encoding <paramref name="encoding"/> reads numbers (numeric, boolean or date columns).</summary>
    public bool IsNumeric(int encoding) => _numeric[encoding] is not null;

    /// <summary>
    /// Writes a number (NaN for missing) of the column of encoding <paramref name="encoding"/> into a zeroed row of
    /// features. Booleans are 0/1; dates are days since 1970-01-01.
    /// </summary>
    public void WriteNumber(int encoding, double value, Span<float> row)
    {
        var n = _numeric[encoding] ?? throw new InvalidOperationException($"Column '{Plan.Encodings[encoding].Column}' is categorical, not numeric.");
        var offset = _offsets[encoding];
        var missing = double.IsNaN(value);
        row[offset] = (float)(((missing ? n.Fill : value) - n.Offset) * n.Scale);
        if (n.MissingIndicator) row[offset + 1] = missing ? 1f : 0f;
    }

    /// <summary>
    /// Writes a category (null for missing) of the column of encoding <paramref name="encoding"/> into a zeroed row of
    /// features; a category never seen in training counts as "(other)".
    /// </summary>
    public void WriteCategory(int encoding, string? value, Span<float> row)
    {
        if (value is null) return;
        var feature = CategoryFeature(encoding, value);
        if (feature >= 0) row[feature] = 1f;
    }

    /// <summary>
    /// The feature (index in a row) a category sets: its own indicator, or "(other)" for a category not kept in
    /// training; -1 when there is no "(other)" indicator to set.
    /// </summary>
    public int CategoryFeature(int encoding, string value)
    {
        var o = _oneHot[encoding] ?? throw new InvalidOperationException($"Column '{Plan.Encodings[encoding].Column}' is numeric, not categorical.");
        var offset = _offsets[encoding];
        if (_categories[encoding]!.TryGetValue(value, out var k)) return offset + k;
        return o.OtherIndicator ? offset + o.Categories.Count : -1;
    }
}

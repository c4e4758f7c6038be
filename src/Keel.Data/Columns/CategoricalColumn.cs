namespace Keel.Data;

/// <summary>Dictionary-encoded values: <see cref="Codes"/> index <see cref="Categories"/>; code -1 is missing.</summary>
public sealed class CategoricalColumn : Column
{
    private readonly int[] _codes;
    private readonly string[] _categories;

    public CategoricalColumn(string name, int[] codes, string[] categories) : base(name)
    {
        _codes = codes;
        _categories = categories;
    }

    /// <summary>Encodes plain strings; null marks a missing value. Categories keep the order they first appear in.</summary>
    public static CategoricalColumn FromStrings(string name, IReadOnlyList<string?> values)
    {
        var dict = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = new int[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (v is null) { codes[i] = -1; continue; }
            if (!dict.TryGetValue(v, out var c)) { c = dict.Count; dict.Add(v, c); }
            codes[i] = c;
        }
        var cats = new string[dict.Count];
        foreach (var (k, c) in dict) cats[c] = k;
        return new CategoricalColumn(name, codes, cats);
    }

    public override ColumnType Type => ColumnType.Categorical;

    public override int Length => _codes.Length;

    public ReadOnlySpan<int> Codes => _codes;

    public IReadOnlyList<string> Categories => _categories;

    /// <summary>The value at a row, or null when missing.</summary>
    public string? this[int row] => _codes[row] < 0 ? null : _categories[_codes[row]];

    public override bool IsMissing(int row) => _codes[row] < 0;

    public override string? FormatValue(int row) => this[row];

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var c = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++) c[i] = _codes[rows[i]];
        return new CategoricalColumn(Name, c, _categories);
    }

    public override Column Rename(string name) => new CategoricalColumn(name, _codes, _categories);
}

namespace Keel.Data;

/// <summary>The ordered columns of a <see cref="Table"/>. Names are unique and compared exactly.</summary>
public sealed class Schema
{
    private readonly Dictionary<string, int> _index;

    public Schema(IReadOnlyList<ColumnSchema> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns.ToArray();
        _index = new Dictionary<string, int>(Columns.Count, StringComparer.Ordinal);
        for (var i = 0; i < Columns.Count; i++)
        {
            if (!_index.TryAdd(Columns[i].Name, i))
                throw new KeelDataException($"Column name '{Columns[i].Name}' appears twice; rename one of them.");
        }
    }

    public IReadOnlyList<ColumnSchema> Columns { get; }

    public int Count => Columns.Count;

    public ColumnSchema this[int index] => Columns[index];

    public ColumnSchema this[string name] => Columns[IndexOf(name)];

    public IEnumerable<string> Names => Columns.Select(c => c.Name);

    /// <summary>The position of a column, or -1.</summary>
    public int TryIndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    /// <summary>The position of a column; an unknown name is refused with the list of names that exist.</summary>
    public int IndexOf(string name)
    {
        var i = TryIndexOf(name);
        if (i < 0)
            throw new KeelDataException($"There is no column '{name}'. The columns are: {string.Join(", ", Names)}.");
        return i;
    }

    public bool Contains(string name) => _index.ContainsKey(name);

    /// <summary>The columns with a given role, in order.</summary>
    public IEnumerable<ColumnSchema> WithRole(ColumnRole role) => Columns.Where(c => c.Role == role);
}

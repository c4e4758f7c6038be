namespace Keel.Data;

/// <summary>
/// An immutable, in-memory, columnar data set: one contiguous array per column and a <see cref="Schema"/> that gives
/// each column a type and a role.
/// </summary>
/// <example>
/// <code>
/// var table = CsvTableReader.Read("samples/data/telco_churn.csv");
/// var churn = (CategoricalColumn)table["Churn"];
/// Console.WriteLine($"{table.RowCount} rows, {churn.Categories.Count} classes");
/// </code>
/// </example>
public sealed class Table
{
    private readonly Column[] _columns;

    public Table(Schema schema, IReadOnlyList<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        if (schema.Count != columns.Count)
            throw new ArgumentException($"The schema has {schema.Count} columns but {columns.Count} were given.");
        _columns = columns.ToArray();
        RowCount = _columns.Length == 0 ? 0 : _columns[0].Length;
        for (var i = 0; i < _columns.Length; i++)
        {
            var c = _columns[i];
            if (c.Length != RowCount)
                throw new ArgumentException($"Column '{c.Name}' has {c.Length} rows; the others have {RowCount}.");
            if (c.Name != schema[i].Name || c.Type != schema[i].Type)
                throw new ArgumentException($"Column {i} is '{c.Name}' ({c.Type}) but the schema says '{schema[i].Name}' ({schema[i].Type}).");
        }
        Schema = schema;
    }

    /// <summary>A table whose columns all have the role <see cref="ColumnRole.Feature"/>.</summary>
    public Table(IReadOnlyList<Column> columns)
        : this(new Schema(columns.Select(c => new ColumnSchema(c.Name, c.Type)).ToArray()), columns) { }

    public Schema Schema { get; }

    public int RowCount { get; }

    public int ColumnCount => _columns.Length;

    public IReadOnlyList<Column> Columns => _columns;

    public Column this[int index] => _columns[index];

    /// <summary>The column with this name; an unknown name is refused with the names that exist.</summary>
    public Column this[string name] => _columns[Schema.IndexOf(name)];

    /// <summary>A new table with the given rows, in the given order.</summary>
    public Table Take(ReadOnlySpan<int> rows)
    {
        var cols = new Column[_columns.Length];
        for (var i = 0; i < cols.Length; i++) cols[i] = _columns[i].Take(rows);
        return new Table(Schema, cols);
    }

    /// <summary>A new table where the named column has a new role.</summary>
    public Table WithRole(string name, ColumnRole role)
    {
        var i = Schema.IndexOf(name);
        var cols = Schema.Columns.ToArray();
        cols[i] = cols[i] with { Role = role };
        return new Table(new Schema(cols), _columns);
    }

    /// <summary>A new table with a column replaced (same name) or appended (new name).</summary>
    public Table WithColumn(Column column, ColumnRole role = ColumnRole.Feature)
    {
        var i = Schema.TryIndexOf(column.Name);
        var schema = Schema.Columns.ToList();
        var cols = _columns.ToList();
        if (i < 0)
        {
            schema.Add(new ColumnSchema(column.Name, column.Type, role));
            cols.Add(column);
        }
        else
        {
            schema[i] = new ColumnSchema(column.Name, column.Type, schema[i].Role);
            cols[i] = column;
        }
        return new Table(new Schema(schema), cols);
    }

    /// <summary>A new table with only the named columns, in the given order.</summary>
    public Table Select(IEnumerable<string> names)
    {
        var idx = names.Select(Schema.IndexOf).ToArray();
        return new Table(new Schema(idx.Select(i => Schema[i]).ToArray()), idx.Select(i => _columns[i]).ToArray());
    }

    public override string ToString() => $"Table({RowCount} rows × {ColumnCount} columns)";
}

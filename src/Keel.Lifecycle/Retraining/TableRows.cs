using Keel.Data;

namespace Keel.Lifecycle.Retraining;

/// <summary>Stacks tables with the same columns (by name, of the same types) into one, in order.</summary>
internal static class TableRows
{
    public static Table Concat(IReadOnlyList<(Table Table, string Name)> parts)
    {
        if (parts.Count == 1) return parts[0].Table;
        var first = parts[0].Table;
        var columns = new List<Column>(first.ColumnCount);
        foreach (var schema in first.Schema.Columns)
        {
            var pieces = new List<Column>(parts.Count);
            foreach (var (table, name) in parts)
            {
                if (!table.Schema.Contains(schema.Name))
                    throw new KeelDataException($"{name} has no column '{schema.Name}', which {parts[0].Name} has; the rows cannot be combined.");
                var column = table[schema.Name];
                if (column.Type != schema.Type)
                    throw new KeelDataException($"'{schema.Name}' is {column.Type.ToString().ToLowerInvariant()} in {name} but {schema.Type.ToString().ToLowerInvariant()} in {parts[0].Name}; fix the values so both read alike.");
                pieces.Add(column);
            }
            columns.Add(Stack(schema.Name, schema.Type, pieces));
        }
        var stacked = new Table(columns);
        foreach (var schema in first.Schema.Columns) stacked = stacked.WithRole(schema.Name, schema.Role);
        return stacked;
    }

    private static Column Stack(string name, ColumnType type, List<Column> pieces) => type switch
    {
        ColumnType.Numeric => new NumericColumn(name, pieces.SelectMany(p => ((NumericColumn)p).Values.ToArray()).ToArray()),
        ColumnType.Boolean => new BooleanColumn(name, pieces.SelectMany(p => ((BooleanColumn)p).Values.ToArray()).ToArray()),
        ColumnType.DateTime => new DateTimeColumn(name, pieces.SelectMany(p => ((DateTimeColumn)p).Ticks.ToArray()).ToArray()),
        ColumnType.Text => new TextColumn(name, pieces.SelectMany(p => Enumerable.Range(0, p.Length).Select(p.FormatValue)).ToArray()),
        _ => CategoricalColumn.FromStrings(name, pieces.SelectMany(p => Enumerable.Range(0, p.Length).Select(p.FormatValue)).ToArray()),
    };
}

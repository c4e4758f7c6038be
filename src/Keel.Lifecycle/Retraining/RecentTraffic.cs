using System.Globalization;
using System.Text.Json;
using Keel.Data;
using Keel.Learn.Training;
using Keel.Store;

namespace Keel.Lifecycle.Retraining;

/// <summary>
/// Recent traffic in time order: every row (for drift and the CBPE estimate), the labelled ones (for the window and
/// the comparison), and how many labelled rows arrived since the champion was registered.
/// </summary>
public sealed record RecentTraffic(Table Rows, Table Labelled, int NewLabelled, string Name)
{
    /// <summary>
    /// Traffic given as a table (a CSV of recent rows in time order): rows whose label is missing count as unlabelled;
    /// every labelled row counts as new.
    /// </summary>
    public static RecentTraffic FromTable(Table rows, string label, string name)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!rows.Schema.Contains(label))
            throw new KeelDataException($"{name} has no column '{label}', the model's label; recent data must be labelled where the outcome is known (leave the value empty where it is not).");
        var column = rows[label];
        var labelled = Enumerable.Range(0, rows.RowCount).Where(i => !column.IsMissing(i)).ToArray();
        return new RecentTraffic(rows, rows.Take(labelled), labelled.Length, name);
    }

    /// <summary>
    /// The model's prediction log joined with its feedback: the logged inputs typed as the recipe's training columns,
    /// the label from the latest feedback of each request (one value per row); rows logged after
    /// <paramref name="since"/> with a label count as new.
    /// </summary>
    public static RecentTraffic FromLog(IKeelStore store, string model, TrainingRecipe recipe, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(recipe);
        var entries = new List<PredictionRecord>();
        for (long after = 0; ;)
        {
            var page = store.ReadPredictions(model, after, 1000);
            if (page.Count == 0) break;
            entries.AddRange(page);
            after = page[^1].Sequence;
        }
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in entries.Select(e => e.RequestId).Distinct().Chunk(500))
            foreach (var feedback in store.ReadFeedbackFor(model, chunk))
                labels[feedback.RequestId] = feedback.Label; // oldest first: the latest label wins

        var names = recipe.Columns.Select(c => c.Name).ToList();
        var cells = names.ToDictionary(n => n, _ => new List<string?>(), StringComparer.Ordinal);
        var newRows = new List<bool>();
        foreach (var entry in entries)
        {
            var rowLabels = labels.TryGetValue(entry.RequestId, out var json) ? LabelValues(json, entry.Rows) : null;
            using var document = JsonDocument.Parse(entry.Inputs);
            for (var i = 0; i < entry.Rows; i++)
            {
                foreach (var name in names)
                {
                    var value = name == recipe.Label
                        ? rowLabels?[i]
                        : document.RootElement.TryGetProperty(name, out var values) && values.ValueKind == JsonValueKind.Array && i < values.GetArrayLength()
                            ? Text(values[i]) : null;
                    cells[name].Add(value);
                }
                newRows.Add(entry.At > since);
            }
        }
        var columns = recipe.Columns.Select(c => Make(c.Name, c.Type, cells[c.Name])).ToList();
        var table = new Table(columns);
        foreach (var c in recipe.Columns) table = table.WithRole(c.Name, c.Role);
        var name0 = $"the prediction log of '{model}'";
        var traffic = FromTable(table, recipe.Label, name0);
        var labelColumn = table[recipe.Label];
        var fresh = Enumerable.Range(0, table.RowCount).Count(i => newRows[i] && !labelColumn.IsMissing(i));
        return traffic with { NewLabelled = fresh };
    }

    private static string?[]? LabelValues(string json, int rows)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
                return root.GetArrayLength() == rows ? root.EnumerateArray().Select(Text).ToArray() : null;
            return rows == 1 ? [Text(root)] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static Column Make(string name, ColumnType type, List<string?> values) => type switch
    {
        ColumnType.Numeric => new NumericColumn(name, values.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN).ToArray()),
        ColumnType.Boolean => new BooleanColumn(name, values.Select(v => v is "true" or "1" or "True" ? (byte)1 : v is "false" or "0" or "False" ? (byte)0 : BooleanColumn.Missing).ToArray()),
        ColumnType.DateTime => new DateTimeColumn(name, values.Select(v =>
            v is not null && DateTime.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? at.Ticks : DateTimeColumn.Missing).ToArray()),
        ColumnType.Text => new TextColumn(name, values.ToArray()),
        _ => CategoricalColumn.FromStrings(name, values),
    };
}

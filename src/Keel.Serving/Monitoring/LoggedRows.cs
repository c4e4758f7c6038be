using System.Globalization;
using System.Text.Json;
using Keel.Data;
using Keel.Data.Profiling;
using Keel.Learn;
using Keel.Learn.Bundles;
using Keel.Learn.Models;
using Keel.Store;

namespace Keel.Serving.Monitoring;

/// <summary>Logged rows as a table, and how many of them have a label from feedback.</summary>
internal sealed record LoggedTable(Table Table, int Labelled, int MismatchedFeedback);

/// <summary>
/// Rebuilds the rows of prediction log entries as a <see cref="Table"/>: the model's inputs typed as the model reads
/// them (numbers, booleans, categories, dates), other logged inputs typed as the reference profile has them (else
/// numbers, or categories where text was sent), and the label column from feedback when any arrived for these
/// requests (a label per row; a request whose feedback has another count of labels is left unlabelled).
/// </summary>
internal static class LoggedRows
{
    private enum CellKind : byte { Missing, Number, Text, Boolean }

    private readonly record struct Cell(CellKind Kind, double Number, string? Text);

    public static LoggedTable Build(Model model, DataProfile profile, IReadOnlyList<PredictionRecord> entries, IReadOnlyDictionary<string, string> labels)
    {
        var rows = entries.Sum(e => e.Rows);
        var label = model.Target.Column;
        var cells = new Dictionary<string, Cell[]>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var input in Signature.Inputs(model.Features)) Cells(input.Name);
        var offset = 0;
        foreach (var entry in entries)
        {
            using var document = Parse(entry.Inputs, entry);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == label || property.Value.ValueKind != JsonValueKind.Array) continue; // the label comes from feedback
                var target = Cells(property.Name);
                var i = 0;
                foreach (var value in property.Value.EnumerateArray())
                {
                    if (i == entry.Rows) break;
                    target[offset + i++] = Read(value);
                }
            }
            offset += entry.Rows;
        }

        var inputs = Signature.Inputs(model.Features).ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        var columns = new List<Column>(order.Count + 1);
        foreach (var name in order)
        {
            var values = cells[name];
            var type = inputs.TryGetValue(name, out var read) ? read
                : profile.Columns.FirstOrDefault(c => c.Name == name)?.Type is { } profiled ? Loose(profiled, values)
                : values.Any(v => v.Kind == CellKind.Text) ? ColumnType.Categorical : ColumnType.Numeric;
            columns.Add(Make(name, type, values));
        }
        var table = new Table(columns);

        var (labelColumn, labelled, mismatched) = Labels(model, entries, labels, rows);
        if (labelled > 0) table = table.WithColumn(labelColumn!, ColumnRole.Label);
        return new LoggedTable(table, labelled, mismatched);

        Cell[] Cells(string name)
        {
            if (cells.TryGetValue(name, out var existing)) return existing;
            var created = new Cell[rows]; // default: missing
            cells[name] = created;
            order.Add(name);
            return created;
        }
    }

    /// <summary>
    /// The reference profile a run compares with: the columns the model reads and those the log has (a profiled id
    /// column clients never send is not "missing"), with the label marked as the label so it is not checked as a feature.
    /// </summary>
    public static DataProfile Reference(DataProfile profile, Model model, Table current)
    {
        var label = model.Target.Column;
        if (!model.Target.HasLabel) return profile; // an anomaly detector trained without a label: nothing to mark
        var read = model.Features.InputColumns.ToHashSet(StringComparer.Ordinal);
        var columns = profile.Columns
            .Where(c => c.Name == label || read.Contains(c.Name) || current.Schema.TryIndexOf(c.Name) >= 0)
            .Select(c => c.Name == label ? c with { Role = ColumnRole.Label } : c)
            .ToList();
        if (columns.All(c => c.Name != label))
            columns.Add(new ColumnProfile
            {
                Name = label, Role = ColumnRole.Label, Count = 0, Missing = 0,
                Type = model.Target.Task == TaskKind.Regression ? ColumnType.Numeric : ColumnType.Categorical,
            });
        return profile with { Columns = columns };
    }

    private static JsonDocument Parse(string json, PredictionRecord entry)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The inputs of prediction log entry {entry.Sequence} (request {entry.RequestId}) are not valid JSON: {e.Message}", e);
        }
    }

    private static Cell Read(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => new Cell(CellKind.Number, value.GetDouble(), null),
        JsonValueKind.String => new Cell(CellKind.Text, double.NaN, value.GetString()),
        JsonValueKind.True => new Cell(CellKind.Boolean, 1, null),
        JsonValueKind.False => new Cell(CellKind.Boolean, 0, null),
        _ => default,
    };

    /// <summary>A column the model does not read keeps its profiled type, unless text was sent where numbers were profiled: then it is text, so data quality counts the values that do not parse.</summary>
    private static ColumnType Loose(ColumnType profiled, Cell[] values) =>
        profiled is ColumnType.Numeric or ColumnType.Boolean && values.Any(v => v.Kind == CellKind.Text) ? ColumnType.Categorical : profiled;

    private static Column Make(string name, ColumnType type, Cell[] values)
    {
        switch (type)
        {
            case ColumnType.Numeric:
                return new NumericColumn(name, values.Select(v => v.Kind is CellKind.Number or CellKind.Boolean ? v.Number : double.NaN).ToArray());
            case ColumnType.Boolean:
                return new BooleanColumn(name, values.Select(v => v.Kind is CellKind.Number or CellKind.Boolean && v.Number is 0 or 1 ? (byte)v.Number : BooleanColumn.Missing).ToArray());
            case ColumnType.DateTime:
                return new DateTimeColumn(name, values.Select(v =>
                    v.Text is { } text && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
                        ? at.Ticks : DateTimeColumn.Missing).ToArray());
            case ColumnType.Text:
                return new TextColumn(name, values.Select(Text).ToArray());
            default:
                return CategoricalColumn.FromStrings(name, values.Select(Text).ToArray());
        }
    }

    private static string? Text(Cell v) => v.Kind switch
    {
        CellKind.Text => v.Text,
        CellKind.Number => v.Number.ToString("R", CultureInfo.InvariantCulture),
        CellKind.Boolean => v.Number == 1 ? "true" : "false",
        _ => null,
    };

    /// <summary>The label column from feedback (the latest label of each request), or null when no row has one.</summary>
    private static (Column? Column, int Labelled, int Mismatched) Labels(Model model, IReadOnlyList<PredictionRecord> entries, IReadOnlyDictionary<string, string> labels, int rows)
    {
        if (labels.Count == 0 || !model.Target.HasLabel) return (null, 0, 0);
        var values = new Cell[rows];
        int offset = 0, labelled = 0, mismatched = 0;
        foreach (var entry in entries)
        {
            if (labels.TryGetValue(entry.RequestId, out var json))
            {
                var read = ReadLabel(json, entry.Rows);
                if (read is null) mismatched++;
                else
                    for (var i = 0; i < entry.Rows; i++)
                    {
                        values[offset + i] = read[i];
                        if (read[i].Kind != CellKind.Missing) labelled++;
                    }
            }
            offset += entry.Rows;
        }
        if (labelled == 0) return (null, 0, mismatched);
        var name = model.Target.Column;
        if (model.Target.Task == TaskKind.Regression)
            return (new NumericColumn(name, values.Select(v => v.Kind == CellKind.Number ? v.Number : v.Kind == CellKind.Text && double.TryParse(v.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN).ToArray()), labelled, mismatched);
        var classes = model.Target.Classes;
        return (CategoricalColumn.FromStrings(name, values.Select(v => Text(v) is { } text ? ClassOf(classes, text) : null).ToArray()), labelled, mismatched);
    }

    /// <summary>One label per row: a JSON array of that many values, or one value for a one-row request; null otherwise.</summary>
    private static Cell[]? ReadLabel(string json, int rows)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
                return root.GetArrayLength() == rows ? root.EnumerateArray().Select(Read).ToArray() : null;
            return rows == 1 ? [Read(root)] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The model's class a label names: exactly, else ignoring case ("yes" for "Yes", true for "True").</summary>
    private static string ClassOf(IReadOnlyList<string> classes, string text)
    {
        foreach (var c in classes) if (c == text) return c;
        foreach (var c in classes) if (string.Equals(c, text, StringComparison.OrdinalIgnoreCase)) return c;
        return text;
    }
}

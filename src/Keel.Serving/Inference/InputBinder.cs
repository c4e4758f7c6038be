using System.Globalization;
using Keel.Data;
using Keel.Learn.Bundles;
using Keel.Serving.Models;

namespace Keel.Serving.Inference;

/// <summary>One input column of a bound request, kept as sent for the prediction log.</summary>
internal sealed record LoggedColumn(string Name, IReadOnlyList<double>? Numbers, IReadOnlyList<string?>? Strings);

/// <summary>
/// A request checked against a model's signature and turned into features, with each row's sensitive group where the
/// model post-processes by group.
/// </summary>
internal sealed record BoundRequest(int Rows, float[] Features, IReadOnlyList<LoggedColumn> Columns, IReadOnlyList<string>? Groups = null);

/// <summary>
/// Checks an inference request against the model's input signature and writes its features. Accepts one input per
/// column (any order; numbers as FP64/FP32/INT*, booleans as BOOL or 0/1, categories and dates as BYTES; null for a
/// missing value; inputs the model does not read, such as a sensitive column kept for fairness monitoring, are not
/// scored but go to the prediction log) or, when every input is numeric, one 2-D FP32/FP64 input with the columns in signature order. Every
/// refusal names the input and the problem.
/// </summary>
internal static class InputBinder
{
    public static BoundRequest Bind(ServedModel model, InferenceRequest request)
    {
        if (request.ContentType is { } ct && ct != "pd" && ct != "np")
            throw RequestException.BadRequest($"parameters.content_type '{ct}' is not supported: use \"pd\" (one input per column) or leave it out.");
        if (request.Inputs.Count == 1 && request.Inputs[0].Shape is { Length: 2 } shape && model.ColumnIndex(request.Inputs[0].Name!) < 0)
            return BindMatrix(model, request.Inputs[0], shape);
        return BindColumns(model, request.Inputs);
    }

    private static BoundRequest BindColumns(ServedModel model, List<RequestInput> inputs)
    {
        var byColumn = new RequestInput?[model.Inputs.Count];
        var extra = new List<RequestInput>();
        foreach (var input in inputs)
        {
            var i = model.ColumnIndex(input.Name!);
            if (i < 0) { extra.Add(input); continue; }
            if (byColumn[i] is not null) throw RequestException.BadRequest($"Input '{input.Name}' is given twice.");
            byColumn[i] = input;
        }
        var missing = model.Inputs.Where((c, i) => byColumn[i] is null).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            var unknown = extra.Count == 0 ? "" : $" (also sent: {Quote(extra.Select(e => e.Name!))}, which it does not read)";
            var hint = extra.Count == 1 && model.AllNumeric && inputs.Count == 1 ? " A single 2-D input needs shape [rows, columns]." : "";
            throw RequestException.BadRequest($"The inputs do not match model '{model.Name}': missing input{(missing.Count > 1 ? "s" : "")} {Quote(missing)}{unknown}. It reads one input per column: {Quote(model.Inputs.Select(c => c.Name))}.{hint}");
        }

        var rows = -1;
        string? first = null;
        foreach (var input in byColumn)
        {
            var n = RowsOf(input!);
            if (rows < 0) { rows = n; first = input!.Name; }
            else if (n != rows) throw RequestException.BadRequest($"Input '{input!.Name}' has {n} rows but '{first}' has {rows}; every input needs one value per row.");
        }
        if (rows == 0) throw RequestException.BadRequest("The request has no rows (shape [0]).");

        var width = model.Writer.Width;
        var features = new float[rows * width];
        var logged = new List<LoggedColumn>(byColumn.Length + extra.Count);
        string[]? groups = null;
        for (var e = 0; e < byColumn.Length; e++)
        {
            var input = byColumn[e]!;
            var column = model.Inputs[e];
            if (e == model.SensitiveInput)
            {
                (groups, var sent) = Groups(model, input, rows);
                logged.Add(sent);
                continue;
            }
            logged.Add(Write(model, e, column, input, features, rows, width));
        }
        foreach (var input in extra)
        {
            if (RowsOf(input) != rows) throw RequestException.BadRequest($"Input '{input.Name}' has {RowsOf(input)} rows but '{first}' has {rows}; every input needs one value per row.");
            logged.Add(input.Kind == DataKind.Empty ? new LoggedColumn(input.Name!, null, new string?[rows])
                : input.Kind == DataKind.Text ? new LoggedColumn(input.Name!, null, input.Strings)
                : new LoggedColumn(input.Name!, input.Numbers, null));
        }
        return new BoundRequest(rows, features, logged, groups);
    }

    /// <summary>The sensitive group of every row, each one the model knows (a post-processor has no rule for others).</summary>
    private static (string[] Groups, LoggedColumn Logged) Groups(ServedModel model, RequestInput input, int rows)
    {
        var post = model.Model.PostProcessor!;
        IReadOnlyList<string?> values = input.Kind switch
        {
            DataKind.Empty => new string?[rows],
            DataKind.Text => input.Strings,
            _ => input.Numbers.Select(v => double.IsNaN(v) ? null : v.ToString(CultureInfo.InvariantCulture)).ToArray(),
        };
        var groups = new string[rows];
        for (var r = 0; r < rows; r++)
        {
            try { groups[r] = post.Check(values[r], r); }
            catch (Keel.Learn.KeelLearnException e) { throw RequestException.BadRequest($"Input '{input.Name}': {e.Message}"); }
        }
        return (groups, new LoggedColumn(input.Name!, null, values));
    }

    /// <summary>The rows of an input: shape [rows] or [rows, 1], with exactly that many data elements.</summary>
    private static int RowsOf(RequestInput input)
    {
        var shape = input.Shape!;
        if (shape.Length == 0 || shape.Length > 2 || (shape.Length == 2 && shape[1] != 1))
            throw RequestException.BadRequest($"Input '{input.Name}' has shape [{string.Join(", ", shape)}]; a column input has shape [rows] (or [rows, 1]).");
        var count = input.Kind == DataKind.Empty ? input.LeadingNulls : input.Count;
        if (count != shape[0])
            throw RequestException.BadRequest($"Input '{input.Name}' has shape [{string.Join(", ", shape)}] but {count} data element{(count == 1 ? "" : "s")}.");
        return shape[0];
    }

    private static LoggedColumn Write(ServedModel model, int e, InputColumn column, RequestInput input, float[] features, int rows, int width)
    {
        var writer = model.Writer;
        var datatype = input.Datatype!;
        if (!Datatypes.IsKnown(datatype))
            throw RequestException.BadRequest($"Input '{input.Name}' has datatype '{datatype}'; use {Datatypes.Of(column.Type)} for this {Describe(column.Type)} column.");
        if (input.Kind == DataKind.Empty)
        {
            for (var r = 0; r < rows; r++)
            {
                var row = features.AsSpan(r * width, width);
                if (writer.IsNumeric(e)) writer.WriteNumber(e, double.NaN, row); else writer.WriteCategory(e, null, row);
            }
            return new LoggedColumn(column.Name, null, new string?[rows]);
        }
        switch (column.Type)
        {
            case ColumnType.Numeric:
            case ColumnType.Boolean:
            {
                if (input.Kind == DataKind.Text || datatype == "BYTES")
                    throw RequestException.BadRequest($"Input '{input.Name}' is a {Describe(column.Type)} column: send {Datatypes.Of(column.Type)} numbers (null for missing), not {(datatype == "BYTES" ? "BYTES" : "strings")}.");
                var numbers = input.Numbers;
                for (var r = 0; r < rows; r++)
                {
                    var v = numbers[r];
                    if (column.Type == ColumnType.Boolean && !double.IsNaN(v) && v != 0 && v != 1)
                        throw RequestException.BadRequest($"Element {r} of input '{input.Name}' is {v.ToString(CultureInfo.InvariantCulture)}; a boolean column takes true/false or 0/1.");
                    writer.WriteNumber(e, v, features.AsSpan(r * width, width));
                }
                return new LoggedColumn(column.Name, numbers, null);
            }
            case ColumnType.DateTime:
            {
                if (input.Kind != DataKind.Text)
                    throw RequestException.BadRequest($"Input '{input.Name}' is a date column: send BYTES strings in ISO 8601 (e.g. \"2024-05-31\"), null for missing.");
                for (var r = 0; r < rows; r++)
                {
                    var text = input.Strings[r];
                    double days = double.NaN;
                    if (text is not null)
                    {
                        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
                            throw RequestException.BadRequest($"Element {r} of input '{input.Name}' is \"{Truncate(text)}\", not a date; use ISO 8601, e.g. \"2024-05-31\".");
                        days = (at.Ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerDay;
                    }
                    writer.WriteNumber(e, days, features.AsSpan(r * width, width));
                }
                return new LoggedColumn(column.Name, null, input.Strings);
            }
            default:
            {
                IReadOnlyList<string?> values = input.Kind == DataKind.Text
                    ? input.Strings
                    : input.Numbers.Select(v => double.IsNaN(v) ? null : v.ToString(CultureInfo.InvariantCulture)).ToArray();
                for (var r = 0; r < rows; r++) writer.WriteCategory(e, values[r], features.AsSpan(r * width, width));
                return new LoggedColumn(column.Name, null, values);
            }
        }
    }

    private static BoundRequest BindMatrix(ServedModel model, RequestInput input, int[] shape)
    {
        if (!model.AllNumeric)
            throw RequestException.BadRequest($"Input '{input.Name}' is 2-D, but model '{model.Name}' has non-numeric columns ({Quote(model.Inputs.Where(c => c.Type is not (ColumnType.Numeric or ColumnType.Boolean)).Select(c => c.Name))}): send one input per column.");
        if (input.Datatype is not ("FP64" or "FP32") || input.Kind == DataKind.Text)
            throw RequestException.BadRequest($"The 2-D input '{input.Name}' must be FP32 or FP64 numbers; it is {input.Datatype}.");
        var (rows, columns) = (shape[0], shape[1]);
        if (columns != model.Inputs.Count)
            throw RequestException.BadRequest($"The 2-D input '{input.Name}' has {columns} columns; model '{model.Name}' reads {model.Inputs.Count}, in this order: {Quote(model.Inputs.Select(c => c.Name))}.");
        var count = input.Kind == DataKind.Empty ? input.LeadingNulls : input.Count;
        if (count != (long)rows * columns)
            throw RequestException.BadRequest($"The 2-D input '{input.Name}' has shape [{rows}, {columns}] but {count} data elements.");
        if (rows == 0) throw RequestException.BadRequest("The request has no rows (shape [0, n]).");
        var width = model.Writer.Width;
        var features = new float[rows * width];
        var logged = new LoggedColumn[columns];
        for (var e = 0; e < columns; e++)
        {
            var values = new double[rows];
            for (var r = 0; r < rows; r++)
            {
                var v = input.Kind == DataKind.Empty ? double.NaN : input.Numbers[r * columns + e];
                if (model.Inputs[e].Type == ColumnType.Boolean && !double.IsNaN(v) && v != 0 && v != 1)
                    throw RequestException.BadRequest($"Row {r}, column {e} ('{model.Inputs[e].Name}') of input '{input.Name}' is {v.ToString(CultureInfo.InvariantCulture)}; a boolean column takes 0 or 1.");
                values[r] = v;
                model.Writer.WriteNumber(e, v, features.AsSpan(r * width, width));
            }
            logged[e] = new LoggedColumn(model.Inputs[e].Name, values, null);
        }
        return new BoundRequest(rows, features, logged);
    }

    private static string Describe(ColumnType type) => type switch
    {
        ColumnType.Numeric => "numeric",
        ColumnType.Boolean => "boolean",
        ColumnType.DateTime => "date",
        _ => "categorical",
    };

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{Truncate(n)}'"));

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}

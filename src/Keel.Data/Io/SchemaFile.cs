using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keel.Data.Io;

/// <summary>
/// A JSON file that pins how a data file is read: its column names (for a file without a header), types and roles.
/// Every entry is optional; columns not named keep their inferred type.
/// </summary>
/// <example>
/// <code>
/// { "separator": ",", "hasHeader": false,
///   "columns": [ { "name": "age", "type": "numeric" }, { "name": "sex", "role": "sensitive" },
///                { "name": "income", "role": "label" } ] }
/// </code>
/// </example>
public sealed record SchemaFile
{
    public string? Separator { get; init; }

    public bool? HasHeader { get; init; }

    public IReadOnlyList<SchemaFileColumn> Columns { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static SchemaFile Load(string path)
    {
        if (!File.Exists(path)) throw new KeelDataException($"{path}: schema file not found.");
        try
        {
            return JsonSerializer.Deserialize<SchemaFile>(File.ReadAllText(path), Json)
                   ?? throw new KeelDataException($"{path}: the schema file is empty.");
        }
        catch (JsonException e)
        {
            throw new KeelDataException(
                $"{path}, line {(e.LineNumber ?? 0) + 1}: not a valid schema file ({e.Message.Split('.')[0]}). " +
                "Expected {\"columns\": [{\"name\": \"...\", \"type\": \"numeric|categorical|boolean|dateTime|text\", \"role\": \"feature|label|id|sensitive|ignore\"}]}.", e);
        }
    }

    /// <summary>Applies this file on top of options: the file's entries win over the ones already set.</summary>
    public CsvReadOptions ApplyTo(CsvReadOptions options)
    {
        var types = new Dictionary<string, ColumnType>(options.Types);
        var roles = new Dictionary<string, ColumnRole>(options.Roles);
        foreach (var c in Columns)
        {
            if (c.Type is { } t) types[c.Name] = t;
            if (c.Role is { } r) roles[c.Name] = r;
        }
        var names = HasHeader == false && Columns.Count > 0 ? Columns.Select(c => c.Name).ToArray() : options.ColumnNames;
        return options with
        {
            Separator = Separator is { Length: > 0 } s ? CsvSeparator.Parse(s) : options.Separator,
            HasHeader = HasHeader ?? options.HasHeader,
            ColumnNames = names,
            Types = types,
            Roles = roles,
        };
    }
}

/// <summary>One column entry of a <see cref="SchemaFile"/>.</summary>
public sealed record SchemaFileColumn(string Name, ColumnType? Type = null, ColumnRole? Role = null);

using System.CommandLine;
using Keel.Data;
using Keel.Data.Io;

namespace Keel.Cli;

/// <summary>The options every command that reads a data file shares, and how they become <see cref="CsvReadOptions"/>.</summary>
internal sealed class ReadOptions
{
    public Option<string> Data { get; } = new("--data", "-d") { Description = "The data file: CSV (any delimiter) or Parquet.", Required = true };

    public Option<string?> Separator { get; } = new("--sep") { Description = "The field separator: one character, or tab. [default: sniffed from the file]" };

    public Option<bool?> Header { get; } = new("--header") { Description = "Whether the first row names the columns (true or false). [default: sniffed]" };

    public Option<string?> Columns { get; } = new("--columns") { Description = "Comma-separated column names for a file without a header." };

    public Option<string?> SchemaFile { get; } = new("--schema") { Description = "A JSON schema file with column names, types and roles (see samples/data/adult.schema.json)." };

    public Option<string[]> Types { get; } = new("--type") { Description = "Override a column's type: NAME=numeric|categorical|boolean|datetime|text. Repeatable.", AllowMultipleArgumentsPerToken = false };

    public Option<string[]> Ignore { get; } = new("--ignore") { Description = "A column to leave out of the model. Repeatable." };

    public Option<string[]> Ids { get; } = new("--id") { Description = "An identifier column: carried along, never a feature. Repeatable." };

    public Option<string[]> Sensitive { get; } = new("--sensitive") { Description = "A protected attribute kept for fairness audits, not used as a feature. Repeatable." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Data, Separator, Header, Columns, SchemaFile, Types, Ignore, Ids, Sensitive })
            command.Options.Add(option);
    }

    public CsvReadOptions Build(ParseResult result, CancellationToken cancellationToken, IProgress<long>? progress = null)
    {
        var options = new CsvReadOptions { CancellationToken = cancellationToken, Progress = progress };
        if (result.GetValue(SchemaFile) is { } schemaPath) options = Keel.Data.Io.SchemaFile.Load(schemaPath).ApplyTo(options);
        if (result.GetValue(Separator) is { } sep) options = options with { Separator = CsvSeparator.Parse(sep) };
        if (result.GetValue(Header) is { } header) options = options with { HasHeader = header };
        if (result.GetValue(Columns) is { } names) options = options with { ColumnNames = names.Split(',').Select(n => n.Trim()).ToArray() };

        var types = new Dictionary<string, ColumnType>(options.Types);
        foreach (var spec in result.GetValue(Types) ?? [])
        {
            var eq = spec.LastIndexOf('=');
            if (eq <= 0 || !Enum.TryParse<ColumnType>(spec[(eq + 1)..], ignoreCase: true, out var type))
                throw new KeelDataException($"--type \"{spec}\" is not NAME=TYPE with TYPE one of numeric, categorical, boolean, datetime, text.");
            types[spec[..eq]] = type;
        }
        var roles = new Dictionary<string, ColumnRole>(options.Roles);
        foreach (var name in result.GetValue(Ignore) ?? []) roles[name] = ColumnRole.Ignore;
        foreach (var name in result.GetValue(Ids) ?? []) roles[name] = ColumnRole.Id;
        foreach (var name in result.GetValue(Sensitive) ?? []) roles[name] = ColumnRole.Sensitive;
        return options with { Types = types, Roles = roles };
    }

    /// <summary>What a training recipe records of how the data was read: the options given, nothing sniffed.</summary>
    public Keel.Learn.Training.DataReading Reading(ParseResult result)
    {
        var options = Build(result, CancellationToken.None);
        return new Keel.Learn.Training.DataReading
        {
            Separator = options.Separator, HasHeader = options.HasHeader, ColumnNames = options.ColumnNames, Types = options.Types, Roles = options.Roles,
        };
    }

    public Table Read(ParseResult result, Output output, CancellationToken cancellationToken)
    {
        var path = result.GetRequiredValue(Data);
        var options = Build(result, cancellationToken, output.RowProgress($"Reading {Path.GetFileName(path)}"));
        var table = TableReader.Read(path, options);
        output.Info($"Read {table.RowCount:N0} rows × {table.ColumnCount} columns from {path}.");
        return table;
    }

    /// <summary>Names given comma-separated, repeated, or both.</summary>
    /// <summary>A labelled test file named by a command's --test option, read with the same options as --data.</summary>
    public Table ReadTest(ParseResult result, Output output, string path, CancellationToken cancellationToken)
    {
        var table = Keel.Data.Io.TableReader.Read(path, Build(result, cancellationToken));
        output.Info($"Read {table.RowCount:N0} test rows from {path}.");
        return table;
    }

    public static List<string> Names(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Reads the data for a command that audits groups: <c>--sensitive</c> names the columns to audit (comma-separated
    /// or repeated) without changing their role, so a model that uses such a column as an input still finds it;
    /// without <c>--sensitive</c>, the columns the schema marks sensitive. The audit checks that the columns exist.
    /// </summary>
    public (Table Table, List<string> Sensitive) ReadWithSensitive(ParseResult result, Output output, CancellationToken cancellationToken)
    {
        var given = result.GetValue(Sensitive) ?? [];
        var named = Names(given);
        var path = result.GetRequiredValue(Data);
        var options = Build(result, cancellationToken, output.RowProgress($"Reading {System.IO.Path.GetFileName(path)}"));
        var roles = options.Roles.Where(kv => !given.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var table = TableReader.Read(path, options with { Roles = roles });
        output.Info($"Read {table.RowCount:N0} rows × {table.ColumnCount} columns from {path}.");
        var sensitive = named.Count > 0 ? named : table.Schema.Columns.Where(c => c.Role == ColumnRole.Sensitive).Select(c => c.Name).ToList();
        return (table, sensitive);
    }
}

namespace Keel.Data;

/// <summary>
/// Input that Keel cannot use. The message names the file, line, column or option at fault and says what to do.
/// </summary>
public class KeelDataException : Exception
{
    public KeelDataException(string message) : base(message) { }

    public KeelDataException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The line of the file at fault, when the error points at one.</summary>
    public long? Line { get; init; }

    /// <summary>Builds an error that points at a place in a file.</summary>
    public static KeelDataException At(string file, long line, string? column, string problem)
    {
        var where = column is null ? $"{file}, line {line}" : $"{file}, line {line}, column '{column}'";
        return new KeelDataException($"{where}: {problem}") { Line = line };
    }
}

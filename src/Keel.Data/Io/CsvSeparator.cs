namespace Keel.Data.Io;

/// <summary>Reads a separator as people write it on a command line: <c>,</c> <c>;</c> <c>|</c> <c>\t</c> <c>tab</c>.</summary>
public static class CsvSeparator
{
    public static char Parse(string text) => text switch
    {
        "\\t" or "tab" or "TAB" or "\t" => '\t',
        "comma" => ',',
        "semicolon" => ';',
        "pipe" => '|',
        { Length: 1 } => text[0],
        _ => throw new KeelDataException($"The separator must be one character (or \\t, tab, comma, semicolon, pipe); '{text}' is not."),
    };
}

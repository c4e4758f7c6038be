namespace Keel.Data.Io;

/// <summary>
/// Tokens read as a missing value in any column: the empty field, <c>?</c>, <c>NA</c>, <c>N/A</c>, <c>NaN</c>,
/// <c>null</c> and <c>None</c> (letters in any case).
/// </summary>
public static class MissingTokens
{
    public static IReadOnlyList<string> All { get; } = ["", "?", "NA", "N/A", "NaN", "null", "None"];

    public static bool IsMissing(ReadOnlySpan<char> s)
    {
        switch (s.Length)
        {
            case 0: return true;
            case 1: return s[0] == '?';
            case 2: return (s[0] | 0x20) == 'n' && (s[1] | 0x20) == 'a';
            case 3:
                return (s[0] | 0x20) == 'n' &&
                       (((s[1] == '/') && (s[2] | 0x20) == 'a') || ((s[1] | 0x20) == 'a' && (s[2] | 0x20) == 'n'));
            case 4: return s.Equals("null", StringComparison.OrdinalIgnoreCase) || s.Equals("none", StringComparison.OrdinalIgnoreCase);
            default: return false;
        }
    }
}

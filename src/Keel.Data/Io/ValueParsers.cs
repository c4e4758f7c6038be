using System.Globalization;

namespace Keel.Data.Io;

/// <summary>Parses the text of one field into Keel's column types.</summary>
internal static class ValueParsers
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm",
        "yyyy/MM/dd", "yyyy/MM/dd HH:mm:ss",
    ];

    public static bool TryParseNumber(ReadOnlySpan<char> s, out double value)
    {
        // csFastFloat accepts a number followed by other text ("7590-VHVEG"): the whole field must be consumed.
        if (csFastFloat.FastDoubleParser.TryParseDouble(s, out int consumed, out value) && consumed == s.Length)
            return double.IsFinite(value);
        // A leading "+" or a number the fast parser declines: the framework parser decides.
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
               && double.IsFinite(value);
    }

    public static bool TryParseBoolean(ReadOnlySpan<char> s, out bool value)
    {
        if (s.Equals("true", StringComparison.OrdinalIgnoreCase)) { value = true; return true; }
        if (s.Equals("false", StringComparison.OrdinalIgnoreCase)) { value = false; return true; }
        value = false;
        return false;
    }

    /// <summary>Accepts the usual spellings of yes/no as well, for columns declared boolean.</summary>
    public static bool TryParseBooleanLoose(ReadOnlySpan<char> s, out bool value)
    {
        if (TryParseBoolean(s, out value)) return true;
        if (s.Equals("yes", StringComparison.OrdinalIgnoreCase) || s is "1" || s.Equals("y", StringComparison.OrdinalIgnoreCase)) { value = true; return true; }
        if (s.Equals("no", StringComparison.OrdinalIgnoreCase) || s is "0" || s.Equals("n", StringComparison.OrdinalIgnoreCase)) { value = false; return true; }
        return false;
    }

    public static bool TryParseDateTime(ReadOnlySpan<char> s, out long ticks)
    {
        if (s.Length >= 8 && char.IsAsciiDigit(s[0]) &&
            DateTime.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt))
        {
            ticks = dt.Ticks;
            return true;
        }
        ticks = 0;
        return false;
    }
}

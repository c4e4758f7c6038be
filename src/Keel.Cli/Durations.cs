using System.Globalization;
using System.Text.RegularExpressions;
using Keel.Data;

namespace Keel.Cli;

/// <summary>Reads durations as people write them: 90s, 10m, 1h30m, 00:10:00, or a number of seconds.</summary>
internal static partial class Durations
{
    public static TimeSpan Parse(string text, string option)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            return TimeSpan.FromSeconds(seconds);
        if (text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
            return span;
        var match = Pattern().Match(text);
        if (match.Success && match.Length > 0)
        {
            double Part(string name) => match.Groups[name].Success ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
            var total = TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s"));
            if (total > TimeSpan.Zero) return total;
        }
        throw new KeelDataException($"{option} \"{text}\" is not a duration; write e.g. 90s, 10m, 1h30m or 00:10:00.");
    }

    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m)?(?:(?<s>\d+(?:\.\d+)?)s)?$")]
    private static partial Regex Pattern();
}

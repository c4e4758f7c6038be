using System.Globalization;

namespace Keel.Anomaly.Streaming;

/// <summary>One <c>--param name=value</c> of a detector: what values it takes, in words, and how a value sets it on the options (null when it does not parse).</summary>
internal sealed record DetectorSetting<TOptions>(string Name, string Takes, Func<TOptions, string, TOptions?> Apply)
    where TOptions : class
{
    public static DetectorSetting<TOptions> Integer(string name, Func<TOptions, int, TOptions> set) =>
        new(name, "a whole number", (o, s) => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? set(o, v) : null);

    public static DetectorSetting<TOptions> Real(string name, Func<TOptions, double, TOptions> set) =>
        new(name, "a number", (o, s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? set(o, v) : null);
}

using System.Globalization;

namespace Keel.Monitoring.Streaming;

/// <summary>
/// One <c>--param name=value</c> of a detector, by River's name: what values it takes, in words, and how a value
/// sets it on the detector's options (null when the value does not parse).
/// </summary>
internal sealed record DetectorParameter<TOptions>(string Name, string Takes, Func<TOptions, string, TOptions?> Apply)
    where TOptions : class
{
    public static DetectorParameter<TOptions> Integer(string name, Func<TOptions, int, TOptions> set) =>
        new(name, "a whole number", (o, s) => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? set(o, v) : null);

    public static DetectorParameter<TOptions> Real(string name, Func<TOptions, double, TOptions> set) =>
        new(name, "a number", (o, s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? set(o, v) : null);

    public static DetectorParameter<TOptions> Boolean(string name, Func<TOptions, bool, TOptions> set) =>
        new(name, "true or false", (o, s) => bool.TryParse(s, out var v) ? set(o, v) : null);
}

using System.Globalization;
using System.Text.Json;

namespace Keel.Anomaly.Nab;

/// <summary>Reads NAB's <c>labels/combined_windows.json</c>: series name → windows, each a pair of timestamps <c>"2014-04-10 07:15:00.000000"</c>.</summary>
public static class NabLabels
{
    private static readonly string[] Formats = ["yyyy-MM-dd HH:mm:ss.ffffff", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>The windows of every series in <paramref name="json"/>; a malformed entry is refused with its series name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<NabWindow>> ParseWindows(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("NAB windows are a JSON object: series name → [[start, end], ...].");
        var result = new Dictionary<string, IReadOnlyList<NabWindow>>(StringComparer.Ordinal);
        foreach (var series in document.RootElement.EnumerateObject())
        {
            if (series.Value.ValueKind != JsonValueKind.Array) throw new FormatException($"{series.Name}: the windows must be an array of [start, end] pairs.");
            var windows = new List<NabWindow>();
            foreach (var pair in series.Value.EnumerateArray())
            {
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2) throw new FormatException($"{series.Name}: a window must be a [start, end] pair.");
                windows.Add(new NabWindow(Time(series.Name, pair[0]), Time(series.Name, pair[1])));
            }
            result[series.Name] = windows;
        }
        return result;
    }

    private static DateTime Time(string series, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String &&
            DateTime.TryParseExact(value.GetString(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            return time;
        throw new FormatException($"{series}: '{value}' is not a timestamp like 2014-04-10 07:15:00.000000.");
    }
}

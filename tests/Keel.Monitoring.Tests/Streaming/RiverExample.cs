using System.Text.Json;
using Keel.Monitoring.Streaming;

namespace Keel.Monitoring.Tests.Streaming;

/// <summary>The streams of River's examples, as committed fixtures, and the loop River's docstrings print with.</summary>
internal static class RiverExample
{
    /// <summary>The "stream" array of a fixture made by tests/fixtures/make_drift_streams.py.</summary>
    public static double[] Stream(string fixture) => Read(fixture, "stream");

    /// <summary>One of the numpy streams of River's test module (tests/fixtures/make_river_test_streams.py).</summary>
    public static double[] TestModuleStream(string name) => Read("streaming_river_test_streams.json", name);

    public static JsonDocument Json(string fixture) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)));

    /// <summary>
    /// The lines River's docstring loop prints: "Warning detected at index i" for the first warning after the start
    /// and after each drift (when <paramref name="warnings"/>), and "Change detected at index i" for each drift.
    /// </summary>
    public static List<string> Printed(IDriftDetector detector, double[] stream, bool warnings)
    {
        var lines = new List<string>();
        var printWarning = true;
        for (var i = 0; i < stream.Length; i++)
        {
            detector.Update(stream[i]);
            if (warnings && detector.WarningDetected && printWarning)
            {
                lines.Add($"Warning detected at index {i}");
                printWarning = false;
            }
            if (detector.DriftDetected)
            {
                lines.Add($"Change detected at index {i}");
                printWarning = true;
            }
        }
        return lines;
    }

    private static double[] Read(string fixture, string property)
    {
        using var json = Json(fixture);
        return json.RootElement.GetProperty(property).EnumerateArray().Select(v => v.GetDouble()).ToArray();
    }
}

using System.Globalization;
using System.Text.Json;
using Keel.Data;

namespace Keel.Monitoring.Tests.Drift;

/// <summary>
/// SciPy 1.10's numbers for Evidently's definitions (tests/fixtures/make_drift_fixture.py, its command in the file's
/// "command" field), and the samples they were computed on, regenerated here from the same SplitMix64 draws.
/// </summary>
internal static class DriftFixture
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "drift_scipy.json"))).RootElement);

    public static JsonElement Json => Root.Value;

    public static IEnumerable<JsonElement> Array(string name) => Json.GetProperty(name).EnumerateArray();

    public static double Number(JsonElement e) =>
        e.ValueKind == JsonValueKind.String && e.GetString() == "inf" ? double.PositiveInfinity : e.GetDouble();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<(Column, Column)>> Samples = new();

    /// <summary>The named sample's reference and current columns, both called "x" (generated once per test run).</summary>
    public static (Column Reference, Column Current) Sample(string name) =>
        Samples.GetOrAdd(name, n => new Lazy<(Column, Column)>(() =>
        {
            var s = Json.GetProperty("samples").GetProperty(n);
            var numeric = s.GetProperty("numeric").GetBoolean();
            return (Generate(s.GetProperty("reference"), numeric), Generate(s.GetProperty("current"), numeric));
        })).Value;

    /// <summary>The fixture's generator, operation for operation.</summary>
    public static Column Generate(JsonElement spec, bool numeric)
    {
        var random = new SplitMix64((ulong)spec.GetProperty("seed").GetInt64());
        var n = spec.GetProperty("n").GetInt32();
        var missing = spec.TryGetProperty("missing", out var m) ? m.GetDouble() : 0.0;
        var kind = spec.GetProperty("kind").GetString();
        double Get(string property) => spec.TryGetProperty(property, out var p) ? p.GetDouble() : 0;
        double loc = Get("loc"), scale = Get("scale"), grid = Get("grid"), k = Get("k"), offset = Get("offset");
        var numbers = new double[n];
        var labels = new string?[n];
        for (var i = 0; i < n; i++)
        {
            var isMissing = missing > 0 && random.Uniform() < missing;
            double v = 0;
            string? label = null;
            switch (kind)
            {
                case "normal":
                    var u = random.Uniform() + random.Uniform() + random.Uniform() + random.Uniform();
                    v = loc + scale * (u - 2.0);
                    if (grid != 0) v = Math.Floor(v * grid) / grid;
                    break;
                case "integer":
                    v = Math.Floor(random.Uniform() * k);
                    break;
                default:
                    var w = random.Uniform();
                    label = "c" + ((long)(Math.Floor(w * w * k) + offset)).ToString(CultureInfo.InvariantCulture);
                    break;
            }
            numbers[i] = isMissing ? double.NaN : v;
            labels[i] = isMissing ? null : label;
        }
        return numeric ? new NumericColumn("x", numbers) : CategoricalColumn.FromStrings("x", labels);
    }

    private sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public double Uniform()
        {
            _state += 0x9E3779B97F4A7C15UL;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / 9007199254740992.0);
        }
    }

    /// <summary>Asserts |actual − expected| ≤ relative·|expected| (+ absolute), naming what is compared.</summary>
    public static void Close(double expected, double actual, double relative, string what, double absolute = 0)
    {
        if (double.IsInfinity(expected) || double.IsNaN(expected))
        {
            Assert.True(expected.Equals(actual), $"{what}: expected {expected}, got {actual}");
            return;
        }
        var tolerance = relative * Math.Abs(expected) + absolute;
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (difference {Math.Abs(actual - expected):R}, tolerance {tolerance:R})");
    }
}

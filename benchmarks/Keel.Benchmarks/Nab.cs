using System.Diagnostics;
using System.Globalization;
using Keel.Anomaly.Nab;
using Keel.Anomaly.Streaming;
using Keel.Data;
using Keel.Data.Io;

namespace Keel.Benchmarks;

internal static partial class Modes
{
    /// <summary>The detectors measured, by label: each a name and settings for <see cref="StreamingAnomalyDetectors.Create"/>.</summary>
    private static readonly (string Label, string Name, Dictionary<string, string> Settings)[] NabDetectors =
    [
        ("seasonal", "seasonal", new()),
        ("seasonal hour-of-day", "seasonal", new() { ["season"] = "hour-of-day" }),
        ("seasonal hour-of-week", "seasonal", new() { ["season"] = "hour-of-week" }),
        ("hst", "hst", new()),
        ("hst headroom=0 (River's pipeline)", "hst", new() { ["headroom"] = "0" }),
        ("hst window_size=1000", "hst", new() { ["window_size"] = "1000" }),
        ("seasonal hour-of-day quiet=100", "seasonal", new() { ["season"] = "hour-of-day", ["quiet"] = "100" }),
        ("hst quiet=100", "hst", new() { ["quiet"] = "100" }),
        ("gaussian", "gaussian", new()),
        ("gaussian quiet=100", "gaussian", new() { ["quiet"] = "100" }),
        ("gaussian input=change quiet=100", "gaussian", new() { ["input"] = "change", ["quiet"] = "100" }),
        ("entropy", "entropy", new()),
        ("entropy quiet=100", "entropy", new() { ["quiet"] = "100" }),
        ("entropy quiet=300", "entropy", new() { ["quiet"] = "300" }),
    ];

    /// <summary>
    /// NAB's benchmark over the series of <paramref name="folder"/> (data/&lt;category&gt;/*.csv with timestamp,value and
    /// labels/combined_windows.json): every detector scores every series test-then-learn; NAB's threshold optimisation,
    /// scoring and normalisation per profile. Prints one table (with <c>--series</c>, every series' part);
    /// <c>--detector NAME[,setting=value...]</c> (repeatable) measures those configurations instead of the default list.
    /// </summary>
    public static int Nab(string folder, string[] args)
    {
        var perSeries = args.Contains("--series");
        var windows = NabLabels.ParseWindows(File.ReadAllText(Path.Combine(folder, "labels", "combined_windows.json")));
        var data = Path.Combine(folder, "data");
        var files = Directory.GetFiles(data, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var corpus = new List<NabSeries>();
        var values = new List<double[]>();
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(data, file).Replace('\\', '/');
            if (!windows.TryGetValue(name, out var labelled)) { Console.Error.WriteLine($"{name}: no labels; skipped."); continue; }
            var table = CsvTableReader.Read(file, new CsvReadOptions { Types = new Dictionary<string, ColumnType> { ["timestamp"] = ColumnType.DateTime, ["value"] = ColumnType.Numeric } });
            var ticks = ((DateTimeColumn)table["timestamp"]).Ticks.ToArray();
            corpus.Add(new NabSeries(name, ticks.Select(t => new DateTime(t, DateTimeKind.Utc)).ToArray(), labelled));
            values.Add(((NumericColumn)table["value"]).Values.ToArray());
        }
        Console.WriteLine($"NAB: {corpus.Count} series, {corpus.Sum(s => s.Timestamps.Count):N0} points, {corpus.Sum(s => s.Windows.Count)} windows.");

        var results = new List<(string Label, double Seconds, NabResult[] Results)>();
        // --detector NAME[,k=v...] (repeatable) measures those configurations instead of the default list.
        var chosen = args.Select((a, i) => (a, i)).Where(t => t.a == "--detector" && t.i + 1 < args.Length).Select(t =>
        {
            var parts = args[t.i + 1].Split(',');
            return (args[t.i + 1], parts[0], parts.Skip(1).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]));
        }).ToArray();
        foreach (var (label, name, settings) in chosen.Length > 0 ? chosen : NabDetectors)
        {
            var start = Stopwatch.GetTimestamp();
            var scores = corpus.Select((s, i) =>
            {
                var detector = StreamingAnomalyDetectors.Create(name, settings);
                var points = s.Timestamps.Select((t, j) => new SeriesPoint(t, values[i][j])).ToArray();
                return (IReadOnlyList<double>)AnomalyStream.Score(detector, points);
            }).ToArray();
            var seconds = Seconds(start);
            results.Add((label, seconds, NabProfile.All.Select(p => NabBenchmark.Evaluate(corpus, scores, p)).ToArray()));
        }

        Console.WriteLine();
        Console.WriteLine("| detector | standard | reward low FP | reward low FN | thresholds | scoring time |");
        Console.WriteLine("|---|---:|---:|---:|---|---:|");
        foreach (var (label, seconds, r) in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {r[0].NormalizedScore:0.0} | {r[1].NormalizedScore:0.0} | {r[2].NormalizedScore:0.0} | {string.Join(" / ", r.Select(x => x.Threshold.ToString("0.####", CultureInfo.InvariantCulture)))} | {seconds:0.00} s |"));

        if (perSeries)
        {
            foreach (var (label, _, r) in results)
            {
                Console.WriteLine();
                Console.WriteLine($"{label}: per series (normalised where the series has windows; raw NAB score otherwise), TP/FP rows at the standard threshold");
                Console.WriteLine("| series | windows | standard | reward low FP | reward low FN | TP rows | FP rows |");
                Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
                for (var i = 0; i < corpus.Count; i++)
                {
                    string Cell(NabSeriesResult s) => s.NormalizedScore is { } n ? n.ToString("0.0", CultureInfo.InvariantCulture) : $"raw {s.Score.Score.ToString("0.00", CultureInfo.InvariantCulture)}";
                    var standard = r[0].Series[i];
                    Console.WriteLine($"| {corpus[i].Name} | {corpus[i].Windows.Count} | {Cell(standard)} | {Cell(r[1].Series[i])} | {Cell(r[2].Series[i])} | {standard.Score.TruePositives} | {standard.Score.FalsePositives} |");
                }
            }
        }
        return 0;
    }
}

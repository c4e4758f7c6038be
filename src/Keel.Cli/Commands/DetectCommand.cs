using System.CommandLine;
using System.Globalization;
using System.Text;
using Keel.Anomaly.Streaming;
using Keel.Data;
using Keel.Data.Io;

namespace Keel.Cli.Commands;

/// <summary>
/// <c>keel detect</c>: a streaming anomaly detector over a time series, point by point in time order (each point scored
/// against the points before it, then learned), with the points whose score reaches the threshold flagged.
/// </summary>
internal static class DetectCommand
{
    /// <summary>How many flagged points the summary lists by time; the rest are counted (all are in --out and --json).</summary>
    private const int Listed = 20;

    public static Command Create()
    {
        var series = new Option<string>("--series", "-s") { Description = "The time series: a CSV or Parquet file with a timestamp column and a value column, in time order.", Required = true };
        var time = new Option<string>("--time") { Description = "The timestamp column. [default: timestamp]", DefaultValueFactory = _ => "timestamp" };
        var value = new Option<string>("--value") { Description = "The value column. [default: value]", DefaultValueFactory = _ => "value" };
        var detector = new Option<string>("--detector") { Description = "seasonal (robust median/MAD per phase of a season), hst (Half-Space Trees, River's), gaussian (NAB's windowed Gaussian: the normal tail of the point's z-score) or entropy (relative entropy of the latest window against the distributions seen before; flag at 0.99). [default: seasonal]", DefaultValueFactory = _ => "seasonal" };
        var period = new Option<int?>("--period") { Description = "With seasonal: the season's length in points (e.g. 288 for a daily cycle of 5-minute points). [default: no season; --param season=hour-of-day uses the timestamps]" };
        var threshold = new Option<double>("--threshold") { Description = "A point is flagged when its score (0 to 1) is at least this. [default: 0.9]", DefaultValueFactory = _ => 0.9 };
        var parameters = new Option<string[]>("--param") { Description = "A detector setting NAME=VALUE, e.g. season=hour-of-day, window=100, outlier_z=3.5 (seasonal); n_trees=10, height=8, window_size=250, seed=42, shingle=1, headroom=0.25 (hst); window=1000, warm_up=20, input=value|change (gaussian); bins=5, window=52, confidence=0.99 (entropy); quiet=N (any detector: after a score, no lower or equal score is passed on for N points). Repeatable." };
        var output = new Option<string?>("--out", "-o") { Description = "Write timestamp,value,score,is_anomaly for every point to this CSV file." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on standard output." };
        var command = new Command("detect", "Score every point of a time series for anomalies with a streaming detector (test-then-learn), and flag those at or above the threshold.")
        {
            series, time, value, detector, period, threshold, parameters, output, json,
        };
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                var path = result.GetRequiredValue(series);
                var cut = result.GetValue(threshold);
                if (!(cut is > 0 and <= 1)) throw new KeelDataException($"--threshold must be above 0 and at most 1; it is {cut.ToString(CultureInfo.InvariantCulture)}.");
                var outPath = result.GetValue(output);
                if (outPath is not null) TrainingRunner.RequireFolder(outPath, "--out");
                var name = result.GetRequiredValue(detector);
                var settings = Settings(result.GetValue(parameters) ?? []);
                if (result.GetValue(period) is { } points)
                {
                    if (name != "seasonal") throw new KeelDataException($"--period is a setting of the seasonal detector; {name} does not take it.");
                    settings["period"] = points.ToString(CultureInfo.InvariantCulture);
                }
                IStreamingAnomalyDetector scorer;
                try
                {
                    scorer = StreamingAnomalyDetectors.Create(name, settings);
                }
                catch (ArgumentException e)
                {
                    throw new KeelDataException($"--detector/--param: {e.Message}");
                }

                var timeColumn = result.GetRequiredValue(time);
                var valueColumn = result.GetRequiredValue(value);
                var data = SeriesFile.Read(path, timeColumn, valueColumn, ct);
                var scores = AnomalyStream.Score(scorer, data);
                var flagged = Enumerable.Range(0, data.Length).Where(i => scores[i] >= cut).ToArray();

                if (outPath is not null) AtomicFile.WriteAllText(outPath, Csv(data, scores, cut));
                console.Heading($"{scorer.Name} over '{valueColumn}' of {Path.GetFileName(path)}: {data.Length:N0} points, {flagged.Length:N0} flagged (score ≥ {cut.ToString(CultureInfo.InvariantCulture)})");
                foreach (var i in flagged.Take(Listed))
                    console.Info($"  {Stamp(data[i].Timestamp)}  value {data[i].Value.ToString("G6", CultureInfo.InvariantCulture)}  score {scores[i].ToString("0.0000", CultureInfo.InvariantCulture)}");
                if (flagged.Length > Listed) console.Info($"  ... and {flagged.Length - Listed:N0} more{(outPath is null ? " (--out writes every point)" : "")}.");
                if (outPath is not null) console.Success($"Wrote {data.Length:N0} scored points to {Path.GetFullPath(outPath)}.");
                console.Result(new
                {
                    detector = scorer.Name,
                    settings,
                    series = Path.GetFullPath(path),
                    points = data.Length,
                    threshold = cut,
                    anomalies = flagged.Select(i => new { index = i, timestamp = Stamp(data[i].Timestamp), value = data[i].Value, score = scores[i] }),
                    @out = outPath is null ? null : Path.GetFullPath(outPath),
                });
                return ExitCodes.Success;
            });
        }, ct));
        return command;
    }

    private static Dictionary<string, string> Settings(string[] values)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in values)
        {
            var eq = setting.IndexOf('=');
            if (eq <= 0) throw new KeelDataException($"--param \"{setting}\" is not NAME=VALUE, e.g. --param season=hour-of-day.");
            settings[setting[..eq].Trim()] = setting[(eq + 1)..].Trim();
        }
        return settings;
    }

    private static string Stamp(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string Csv(SeriesPoint[] data, double[] scores, double cut)
    {
        var csv = new StringBuilder("timestamp,value,score,is_anomaly\n");
        for (var i = 0; i < data.Length; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{Stamp(data[i].Timestamp)},{data[i].Value:R},{scores[i]:R},{(scores[i] >= cut ? "true" : "false")}\n");
        return csv.ToString();
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Keel.Data;
using Keel.Monitoring.Drift;

namespace Keel.Benchmarks;

internal static partial class Modes
{
    /// <summary>
    /// Keel's dataset drift against Evidently's on SciPy 1.10 (benchmarks/peers/drift_evidently.py, which writes the
    /// data and Evidently's scores into the folder): 20 numeric and 10 categorical columns, N reference against N
    /// current rows, with Evidently's default tests (normed Wasserstein, Jensen–Shannon). Times
    /// <see cref="DatasetDrift.Detect"/> on 1 thread and on every processor, the best of --repeats runs after a
    /// warm-up on 10,000 rows (wall time, and the process's CPU time in that run: on a shared machine the CPU time is
    /// the measure of work), and checks that every column's test and score agree with Evidently's within 1e-9. With
    /// --four, also KS (with chi-square on the categorical columns), Wasserstein and PSI over every numeric column.
    /// </summary>
    public static int Drift(string folder, string[] args)
    {
        var repeats = int.Parse(Option(args, "--repeats") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")));
        var rows = meta.RootElement.GetProperty("rows").GetInt32();
        var numeric = meta.RootElement.GetProperty("numeric").GetInt32();
        var categorical = meta.RootElement.GetProperty("categorical").GetInt32();
        var levels = meta.RootElement.GetProperty("levels").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Table Read(string side)
        {
            var numbers = MemoryMarshal.Cast<byte, double>(File.ReadAllBytes(Path.Combine(folder, side + "_num.f64")));
            var codes = MemoryMarshal.Cast<byte, int>(File.ReadAllBytes(Path.Combine(folder, side + "_cat.i32")));
            var columns = new List<Column>();
            for (var j = 0; j < numeric; j++) columns.Add(new NumericColumn("n" + j, numbers.Slice(j * rows, rows).ToArray()));
            for (var j = 0; j < categorical; j++) columns.Add(new CategoricalColumn("c" + j, codes.Slice(j * rows, rows).ToArray(), levels));
            return new Table(columns);
        }
        var reference = Read("ref");
        var current = Read("cur");
        var warm = Enumerable.Range(0, Math.Min(rows, 10000)).ToArray();
        DatasetDrift.Detect(reference.Take(warm), current.Take(warm));

        var results = new Dictionary<string, object> { ["mode"] = "drift", ["rows"] = rows, ["columns"] = reference.ColumnCount, ["processors"] = Environment.ProcessorCount };
        DatasetDriftResult? drift = null;
        foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            double best = double.MaxValue, bestCpu = double.MaxValue;
            var process = Process.GetCurrentProcess();
            for (var r = 0; r < repeats; r++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var start = Stopwatch.GetTimestamp();
                drift = DatasetDrift.Detect(reference, current, new DatasetDriftOptions { Threads = threads });
                var wall = Seconds(start);
                process.Refresh();
                best = Math.Min(best, wall);
                bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalSeconds);
            }
            results[$"best_s_{threads}t"] = Math.Round(best, 3);
            results[$"best_cpu_s_{threads}t"] = Math.Round(bestCpu, 3);
        }

        using var scores = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "scores.json")));
        var worst = 0.0;
        foreach (var column in drift!.Columns)
        {
            var expected = scores.RootElement.GetProperty(column.Column);
            if (expected.GetProperty("test").GetString() != column.Test || expected.GetProperty("drifted").GetBoolean() != column.Drifted)
                throw new InvalidOperationException($"Column {column.Column}: Keel ran {column.Test} (drifted {column.Drifted}), Evidently {expected}.");
            var score = expected.GetProperty("score").GetDouble();
            worst = Math.Max(worst, Math.Abs(column.Score - score) / Math.Abs(score));
        }
        if (worst > 1e-9) throw new InvalidOperationException($"Keel's and Evidently's scores differ by {worst} (relative).");
        results["max_relative_difference"] = worst;
        if (args.Contains("--four"))
        {
            // The anchor: KS, Wasserstein and PSI on the numeric columns and chi-square on the categorical
            // ones, on top of the default tests, in one pass (peer: benchmarks/peers/drift_scipy_four.py).
            foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
            {
                var options = new DatasetDriftOptions { Threads = threads, AlsoRun = ["ks", "wasserstein", "psi", "chisquare"] };
                var best = double.MaxValue;
                DatasetDriftResult? all = null;
                for (var r = 0; r < repeats; r++)
                {
                    var start = Stopwatch.GetTimestamp();
                    all = DatasetDrift.Detect(reference, current, options);
                    best = Math.Min(best, Seconds(start));
                }
                results[$"defaults_plus_four_s_{threads}t"] = Math.Round(best, 3);
                results["also_run_results"] = all!.AlsoRun.Count;
            }
        }
        results["drifted"] = drift.DriftedColumns;
        results["dataset_drift"] = drift.Drifted;
        Emit(results);
        return 0;
    }
}

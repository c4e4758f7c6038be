using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Keel.Data;
using Keel.Data.Io;
using Keel.Learn;
using Keel.Learn.Anomaly;
using Keel.Learn.Metrics;
using Keel.Learn.Trainers;

namespace Keel.Benchmarks;

internal static partial class Modes
{
    private static readonly string[] OddsSets = ["cardio", "ionosphere", "mammography", "pima", "shuttle", "thyroid"];

    /// <summary>
    /// Keel's Isolation Forest and Local Outlier Factor on the six ODDS sets (CSV, <c>label</c> 1 = outlier), the
    /// protocol of benchmarks/peers/odds_sklearn.py: fit on every row without the label, score the same rows, ROC AUC
    /// and average precision of the score; Isolation Forest with its defaults for seeds 0..seeds−1 on one thread (and
    /// the best time on every processor), LOF with k = 20. Times are wall seconds of <see cref="AnomalyTrainer.FitScored"/>
    /// (featurization, fit and scoring the rows; reading excluded), the best over the seeds. With --peer, prints a
    /// markdown table next to scikit-learn's numbers from that file on stderr.
    /// </summary>
    public static int Odds(string folder, string[] args)
    {
        var seeds = int.Parse(Option(args, "--seeds") ?? "5", CultureInfo.InvariantCulture);
        var peerPath = Option(args, "--peer");
        var target = new Target("", TaskKind.Anomaly, []);
        var sets = new Dictionary<string, object>();
        var rows = new List<string>();
        JsonElement? peer = peerPath is null ? null : JsonDocument.Parse(File.ReadAllText(peerPath)).RootElement.GetProperty("sets");

        // Warm-up: JIT the trainers on a small set before timing anything.
        var warm = CsvTableReader.Read(Path.Combine(folder, "pima.csv"));
        new IsolationForestTrainer().FitScored(warm.Select(warm.Schema.Names.Where(n => n != "label")), target, new TrainingContext { Seed = 0, Threads = 1 });
        new LocalOutlierFactorTrainer().FitScored(warm.Select(warm.Schema.Names.Where(n => n != "label")), target);

        foreach (var name in OddsSets)
        {
            var table = CsvTableReader.Read(Path.Combine(folder, name + ".csv"));
            var y = ((NumericColumn)table["label"]).Values.ToArray().Select(v => (int)v).ToArray();
            var features = table.Select(table.Schema.Names.Where(n => n != "label"));
            var aucs = new List<double>();
            var aps = new List<double>();
            double best = double.MaxValue, bestAll = double.MaxValue;
            for (var seed = 0; seed < seeds; seed++)
            {
                var start = Stopwatch.GetTimestamp();
                var fit = new IsolationForestTrainer().FitScored(features, target, new TrainingContext { Seed = seed, Threads = 1 });
                best = Math.Min(best, Seconds(start));
                aucs.Add(BinaryMetrics.RocAuc(y, fit.TrainingScores));
                aps.Add(BinaryMetrics.AveragePrecision(y, fit.TrainingScores));
                start = Stopwatch.GetTimestamp();
                new IsolationForestTrainer().FitScored(features, target, new TrainingContext { Seed = seed, Threads = Environment.ProcessorCount });
                bestAll = Math.Min(bestAll, Seconds(start));
            }
            var lofStart = Stopwatch.GetTimestamp();
            var lof = new LocalOutlierFactorTrainer().FitScored(features, target, new TrainingContext { Threads = 1 });
            var lofSeconds = Seconds(lofStart);
            var lofAuc = BinaryMetrics.RocAuc(y, lof.TrainingScores);
            var lofAp = BinaryMetrics.AveragePrecision(y, lof.TrainingScores);
            sets[name] = new
            {
                rows = table.RowCount, features = features.ColumnCount, outliers = y.Sum(),
                iforest = new { roc_auc = aucs, average_precision = aps, roc_auc_mean = aucs.Average(), average_precision_mean = aps.Average(), seconds_best_1t = best, seconds_best_all = bestAll },
                lof = new { roc_auc = lofAuc, average_precision = lofAp, seconds_1t = lofSeconds },
            };
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: iforest auc {aucs.Average():0.0000} ({best:0.000} s), lof auc {lofAuc:0.0000} ({lofSeconds:0.000} s)"));
            if (peer is { } p && p.TryGetProperty(name, out var theirs))
            {
                var their = theirs.GetProperty("iforest");
                var theirLof = theirs.GetProperty("lof");
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {table.RowCount:N0} × {features.ColumnCount} | {aucs.Average():0.0000} ± {Std(aucs):0.0000} | {their.GetProperty("roc_auc_mean").GetDouble():0.0000} ± {Std(their.GetProperty("roc_auc").EnumerateArray().Select(e => e.GetDouble()).ToList()):0.0000} | {aucs.Average() - their.GetProperty("roc_auc_mean").GetDouble():+0.0000;−0.0000} | {aps.Average():0.0000} | {their.GetProperty("average_precision_mean").GetDouble():0.0000} | {best:0.000} s | {their.GetProperty("seconds_best").GetDouble():0.000} s | {lofAuc:0.0000} | {theirLof.GetProperty("roc_auc").GetDouble():0.0000} | {lofAp:0.0000} | {theirLof.GetProperty("average_precision").GetDouble():0.0000} | {lofSeconds:0.000} s | {theirLof.GetProperty("seconds").GetDouble():0.000} s |"));
            }
        }
        if (rows.Count > 0)
        {
            Console.Error.WriteLine("| set | rows × features | Keel IForest ROC AUC | sklearn IForest ROC AUC | Δ | Keel AP | sklearn AP | Keel fit+score | sklearn fit+score | Keel LOF AUC | sklearn LOF AUC | Keel LOF AP | sklearn LOF AP | Keel LOF time | sklearn LOF time |");
            Console.Error.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var row in rows) Console.Error.WriteLine(row);
        }
        Emit(new { mode = "odds", seeds, processors = Environment.ProcessorCount, sets });
        return 0;
    }

    private static double Std(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}

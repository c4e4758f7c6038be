using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Keel.Benchmarks;

// Keel benchmarks. Every timing mode prints exactly one JSON line on stdout (progress goes to stderr) so that
// benchmarks/run.sh can collect it. See docs/benchmarks.md.
return args.Length == 0 ? Usage() : args[0] switch
{
    "read-csv" when args.Length >= 2 => Modes.ReadCsv(args[1], args.Skip(2).ToArray()),
    "train-adult" when args.Length >= 2 => Modes.TrainAdult(args[1], args.Skip(2).ToArray()),
    "generate-csv" when args.Length == 4 => Modes.GenerateCsv(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture)),
    "bdn" => Modes.Bdn(args.Skip(1).ToArray()),
    "log-batch" when args.Length >= 2 => Modes.LogBatch(args[1]),
    "adult-bundle" when args.Length >= 3 => Modes.AdultBundle(args[1], args[2], args.Skip(3).ToArray()),
    "xgb-shap" when args.Length >= 2 => Modes.XgbShap(args[1]),
    "shap-adult" when args.Length >= 2 => Modes.ShapAdult(args[1], args.Skip(2).ToArray()),
    "score-adult" when args.Length >= 2 => Modes.ScoreAdult(args[1], args.Skip(2).ToArray()),
    "sea-drift" when args.Length == 2 => Modes.SeaDrift(args[1]),
    "elec2" when args.Length >= 2 => Modes.Elec2Drift(args[1], args.Skip(2).ToArray()),
    "prequential" when args.Length >= 3 => Modes.Prequential(args[1], args[2], args.Skip(3).ToArray()),
    "drift" when args.Length >= 2 => Modes.Drift(args[1], args.Skip(2).ToArray()),
    "nab" when args.Length >= 2 => Modes.Nab(args[1], args.Skip(2).ToArray()),
    "odds" when args.Length >= 2 => Modes.Odds(args[1], args.Skip(2).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Keel.Benchmarks read-csv <path>
               Keel.Benchmarks train-adult <adult.data> [--repeats N] [--split-out <path>]
               Keel.Benchmarks generate-csv <path> <rows> <cols>
               Keel.Benchmarks bdn [BenchmarkDotNet arguments, e.g. --filter *]
               Keel.Benchmarks log-batch <store URI>
               Keel.Benchmarks adult-bundle <adult.data> <out.keel> [--iterations N]
               Keel.Benchmarks shap-adult <adult.data> [--rows N]
               Keel.Benchmarks xgb-shap <folder written by benchmarks/peers/xgb_contribs.py>
               Keel.Benchmarks score-adult <adult.data> [--rows N] [--repeats N]
               Keel.Benchmarks sea-drift <folder with SEA_training_data.csv, SEA_training_class.csv, sea_stream.csv>
               Keel.Benchmarks elec2 <elec.csv> [--trainer lightgbm|linear] [--plot <svg path>]
               Keel.Benchmarks prequential <elec.csv> <bank-full.csv> [--trainer lightgbm|linear] [--plots <folder>]
               Keel.Benchmarks drift <folder written by benchmarks/peers/drift_evidently.py> [--repeats N] [--four]
               Keel.Benchmarks nab <NAB folder with data/ and labels/combined_windows.json> [--series] [--detector NAME[,setting=value...]]...
               Keel.Benchmarks odds <folder with the ODDS csv files> [--seeds N] [--peer <json of benchmarks/peers/odds_sklearn.py>]
        """);
    return 2;
}

namespace Keel.Benchmarks
{
    internal static partial class Modes
    {
        internal static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

        internal static void Emit(object result) => Console.WriteLine(JsonSerializer.Serialize(result, Json));

        internal static double Seconds(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;

        internal static string? Option(string[] args, string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
    }
}

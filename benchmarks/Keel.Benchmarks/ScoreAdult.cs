using System.Diagnostics;
using Keel.Data;
using Keel.Data.Io;
using Keel.Learn;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Native;

namespace Keel.Benchmarks;

internal static partial class Modes
{
    /// <summary>
    /// Keel's compiled tree scorer against LightGBM's own predictor on the same model: native LightGBM 4.7.0 trains
    /// 500 trees × 31 leaves on Adult's features (as Keel featurizes them); Keel parses the saved model text into its
    /// TreeEnsemble. Times, median of --repeats (default 7): a batch of --rows (default 10,000) rows on 1 and 2 threads
    /// (LGBM_BoosterPredictForMat raw scores with num_threads=N against TreeEnsemble.Score with threads N), and one row
    /// (LightGBM's PredictForMatSingleRowFast against TreeEnsemble.ScoreRow; and Keel's whole per-row serving path:
    /// FeatureWriter from raw values + score + sigmoid). Checks that the scores agree within 1e-9.
    /// </summary>
    public static int ScoreAdult(string path, string[] args)
    {
        var repeats = int.Parse(Option(args, "--repeats") ?? "7", System.Globalization.CultureInfo.InvariantCulture);
        var batchRows = int.Parse(Option(args, "--rows") ?? "10000", System.Globalization.CultureInfo.InvariantCulture);
        var table = CsvTableReader.Read(path);
        var target = Target.Detect(table, AdultLabel);
        var plan = FeaturePlan.Fit(table.WithRole(target.Column, ColumnRole.Label));
        var all = plan.Transform(table);
        var labels = target.Encode(table).Select(v => (float)v).ToArray();
        Console.Error.WriteLine($"training native LightGBM: 500 trees x 31 leaves on {all.Rows} rows x {all.Columns} features");
        using var booster = NativeLightGbm.Train(all.Values, all.Rows, all.Columns, labels, NativeParameters(Environment.ProcessorCount), 500);
        var (ensemble, link) = LightGbmModelText.Parse(NativeLightGbm.SaveModelText(booster));
        var model = new Model { Target = target, Features = plan, Predictor = ensemble, Link = link, Trainer = "LightGbm" };

        var rows = Enumerable.Range(0, batchRows).Select(i => i % all.Rows).ToArray();
        var batch = all.Take(rows);
        var keelRaw = new double[batch.Rows];
        ensemble.Score(batch, keelRaw);
        var nativeRaw = NativeLightGbm.PredictRaw(booster, batch.Values, batch.Rows, batch.Columns, "num_threads=1");
        var worst = keelRaw.Zip(nativeRaw).Max(p => Math.Abs(p.First - p.Second));
        if (worst > 1e-9) throw new InvalidOperationException($"Keel and LightGBM disagree by {worst}.");

        var results = new Dictionary<string, object> { ["mode"] = "score-adult", ["rows"] = batchRows, ["trees"] = ensemble.Trees.Length, ["leaves"] = ensemble.Trees.Sum(t => t.LeafCount), ["max_abs_difference"] = worst };
        foreach (var threads in new[] { 1, 2 })
        {
            var native = Median(repeats, () => NativeLightGbm.PredictRaw(booster, batch.Values, batch.Rows, batch.Columns, $"num_threads={threads}"));
            var keel = Median(repeats, () => ensemble.Score(batch, keelRaw, threads));
            results[$"batch_native_rows_per_s_{threads}t"] = Math.Round(batchRows / native);
            results[$"batch_keel_rows_per_s_{threads}t"] = Math.Round(batchRows / keel);
            results[$"batch_ratio_{threads}t"] = Math.Round(native / keel, 2);
        }

        const int singles = 20_000;
        var row = batch.Row(7).ToArray();
        using var fast = new NativeLightGbm.SingleRow(booster, all.Columns, "num_threads=1");
        var one = new double[1];
        var nativeSingle = Median(repeats, () => { for (var i = 0; i < singles; i++) fast.Predict(row); }) / singles;
        var keelSingle = Median(repeats, () => { for (var i = 0; i < singles; i++) ensemble.ScoreRow(row, one); }) / singles;
        var writer = new FeatureWriter(plan);
        var source = table.Take([7]);
        var values = plan.Encodings.Select(e => source[e.Column] is NumericColumn n ? (object)n.Values[0] : source[e.Column].FormatValue(0)).ToArray();
        var buffer = new float[writer.Width];
        var servingPath = Median(repeats, () =>
        {
            for (var i = 0; i < singles; i++)
            {
                Array.Clear(buffer);
                for (var e = 0; e < values.Length; e++)
                    if (values[e] is double d) writer.WriteNumber(e, d, buffer); else writer.WriteCategory(e, (string?)values[e], buffer);
                ensemble.ScoreRow(buffer, one);
                _ = link.Probability(one[0]);
            }
        }) / singles;
        results["single_native_us"] = Math.Round(nativeSingle * 1e6, 2);
        results["single_keel_us"] = Math.Round(keelSingle * 1e6, 2);
        results["single_keel_featurize_score_link_us"] = Math.Round(servingPath * 1e6, 2);
        results["single_ratio"] = Math.Round(nativeSingle / keelSingle, 2);
        Emit(results);
        return 0;
    }

    /// <summary>Median seconds of an action over repeats, after one untimed warm-up.</summary>
    private static double Median(int repeats, Action action)
    {
        action();
        var times = new double[repeats];
        for (var r = 0; r < repeats; r++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            times[r] = Seconds(start);
        }
        Array.Sort(times);
        return times[repeats / 2];
    }
}

using System.Diagnostics;
using Keel.Data;
using Keel.Data.Io;
using Keel.Explain;
using Keel.Learn;
using Keel.Learn.Featurization;
using Keel.Learn.Native;

namespace Keel.Benchmarks;

internal static partial class Modes
{
    /// <summary>
    /// Keel's TreeSHAP against LightGBM's own (C_API_PREDICT_CONTRIB) on the same model: native LightGBM 4.7.0 trains
    /// 500 trees with num_leaves=255 and max_depth=8 on Adult as Keel featurizes it; Keel parses the model text. Times
    /// --rows rows (default 2,000) on 1 and 2 threads, after a warm-up on 50 rows, and one row on 1 and 2 threads
    /// (medians of 200 rows, Keel's then LightGBM's). Checks
    /// that every contribution agrees within 1e-6. --save-model PATH keeps LightGBM's model text.
    /// </summary>
    public static int ShapAdult(string path, string[] args)
    {
        var rowsWanted = int.Parse(Option(args, "--rows") ?? "2000", System.Globalization.CultureInfo.InvariantCulture);
        var table = CsvTableReader.Read(path);
        var target = Target.Detect(table, AdultLabel);
        var plan = FeaturePlan.Fit(table.WithRole(target.Column, ColumnRole.Label));
        var all = plan.Transform(table);
        var labels = target.Encode(table).Select(v => (float)v).ToArray();
        var parameters = NativeParameters(Environment.ProcessorCount).Replace("num_leaves=31", "num_leaves=255 max_depth=8", StringComparison.Ordinal);
        Console.Error.WriteLine($"training native LightGBM: 500 trees, {parameters}");
        using var booster = NativeLightGbm.Train(all.Values, all.Rows, all.Columns, labels, parameters, 500);
        var modelText = NativeLightGbm.SaveModelText(booster);
        if (Option(args, "--save-model") is { } modelPath) File.WriteAllText(modelPath, modelText);
        var (ensemble, _) = LightGbmModelText.Parse(modelText);
        var build = Stopwatch.GetTimestamp();
        var shap = new TreeShap(ensemble);
        var prepareSeconds = Seconds(build);
        build = Stopwatch.GetTimestamp();
        var precomputed = new TreeShap(ensemble, TreeShapAlgorithm.Precomputed);
        var buildSeconds = Seconds(build);
        var recursive = new TreeShap(ensemble, TreeShapAlgorithm.Recursive);
        var x = all.Take(Enumerable.Range(0, rowsWanted).Select(i => i * 7 % all.Rows).ToArray());
        var width = x.Columns;

        var warm = x.Take(Enumerable.Range(0, 50).ToArray());
        NativeLightGbm.PredictContributions(booster, warm.Values, warm.Rows, width, "num_threads=1");
        shap.Explain(warm);
        recursive.Explain(warm);
        precomputed.Explain(warm);
        var results = new Dictionary<string, object>
        {
            ["mode"] = "shap-adult", ["rows"] = x.Rows, ["trees"] = ensemble.Trees.Length,
            ["leaves"] = ensemble.Trees.Sum(t => t.LeafCount), ["algorithm"] = shap.Algorithm.ToString(),
            ["prepare_s"] = Math.Round(prepareSeconds, 3), ["tables_build_s"] = Math.Round(buildSeconds, 3), ["tables_doubles"] = precomputed.TableDoubles,
        };
        double[]? native = null;
        ShapValues? keel = null;
        foreach (var threads in new[] { 1, 2 })
        {
            var start = Stopwatch.GetTimestamp();
            native = NativeLightGbm.PredictContributions(booster, x.Values, x.Rows, width, $"num_threads={threads}");
            var nativeSeconds = Seconds(start);
            start = Stopwatch.GetTimestamp();
            keel = shap.Explain(x, threads);
            var keelSeconds = Seconds(start);
            start = Stopwatch.GetTimestamp();
            recursive.Explain(x, threads);
            results[$"keel_recursive_rows_per_s_{threads}t"] = Math.Round(x.Rows / Seconds(start), 1);
            start = Stopwatch.GetTimestamp();
            precomputed.Explain(x, threads);
            results[$"keel_precomputed_rows_per_s_{threads}t"] = Math.Round(x.Rows / Seconds(start), 1);
            results[$"native_rows_per_s_{threads}t"] = Math.Round(x.Rows / nativeSeconds, 1);
            results[$"keel_rows_per_s_{threads}t"] = Math.Round(x.Rows / keelSeconds, 1);
            results[$"ratio_{threads}t"] = Math.Round(nativeSeconds / keelSeconds, 2);
        }
        var worst = 0.0;
        for (var r = 0; r < x.Rows; r++)
            for (var f = 0; f < width; f++) worst = Math.Max(worst, Math.Abs(native![r * (width + 1) + f] - keel![r, f]));
        if (worst > 1e-6) throw new InvalidOperationException($"Keel's and LightGBM's contributions differ by {worst}.");
        results["max_abs_difference"] = worst;

        var phi = new double[width];
        foreach (var threads in new[] { 1, 2 })
        {
            var single = new double[200];
            var nativeSingle = new double[200];
            for (var i = 0; i < single.Length; i++)
            {
                Array.Clear(phi);
                var start = Stopwatch.GetTimestamp();
                shap.ExplainRow(x.Row(i), phi, threads);
                single[i] = Seconds(start);
            }
            for (var i = 0; i < nativeSingle.Length; i++)
            {
                var row = x.Values.AsSpan(i * width, width).ToArray();
                var start = Stopwatch.GetTimestamp();
                NativeLightGbm.PredictContributions(booster, row, 1, width, $"num_threads={threads}");
                nativeSingle[i] = Seconds(start);
            }
            Array.Sort(single);
            Array.Sort(nativeSingle);
            results[$"single_row_keel_ms_{threads}t"] = Math.Round(single[single.Length / 2] * 1e3, 3);
            results[$"single_row_native_ms_{threads}t"] = Math.Round(nativeSingle[nativeSingle.Length / 2] * 1e3, 3);
        }
        Emit(results);
        return 0;
    }
}

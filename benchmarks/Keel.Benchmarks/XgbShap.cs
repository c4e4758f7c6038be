using System.Diagnostics;
using Keel.Explain;
using Keel.Learn.Featurization;
using Keel.Learn.Import;

namespace Keel.Benchmarks;

internal static partial class Modes
{
    /// <summary>
    /// Keel's TreeSHAP on the XGBoost model benchmarks/peers/xgb_contribs.py wrote (imported with XgboostJsonModel), on
    /// the same rows, 1 and 2 threads; checks every contribution against XGBoost's own (float32) within 1e-4 relative.
    /// </summary>
    public static int XgbShap(string folder)
    {
        var imported = XgboostJsonModel.Parse(File.ReadAllText(Path.Combine(folder, "model.json")));
        var ensemble = imported.Ensemble;
        var width = ensemble.FeatureCount;
        var bytes = File.ReadAllBytes(Path.Combine(folder, "rows.f32"));
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        var rows = values.Length / width;
        var x = new FeatureMatrix(values, rows, Enumerable.Range(0, width).Select(j => $"f{j}").ToArray());
        var expectedBytes = File.ReadAllBytes(Path.Combine(folder, "contribs.f32"));
        var expected = new float[expectedBytes.Length / 4];
        Buffer.BlockCopy(expectedBytes, 0, expected, 0, expectedBytes.Length);

        var build = Stopwatch.GetTimestamp();
        var shap = new TreeShap(ensemble);
        var buildSeconds = Seconds(build);
        shap.Explain(x.Take(Enumerable.Range(0, 50).ToArray()));
        var results = new Dictionary<string, object>
        {
            ["mode"] = "xgb-shap", ["rows"] = rows, ["trees"] = ensemble.Trees.Length, ["leaves"] = ensemble.Trees.Sum(t => t.LeafCount),
            ["algorithm"] = shap.Algorithm.ToString(), ["prepare_s"] = Math.Round(buildSeconds, 3),
        };
        ShapValues? last = null;
        foreach (var threads in new[] { 1, 2 })
        {
            var start = Stopwatch.GetTimestamp();
            last = shap.Explain(x, threads);
            results[$"keel_rows_per_s_{threads}t"] = Math.Round(rows / Seconds(start), 1);
        }
        var worst = 0.0;
        for (var r = 0; r < rows; r++)
            for (var f = 0; f < width; f++)
            {
                var e = expected[r * (width + 1) + f];
                worst = Math.Max(worst, Math.Abs(e - last![r, f]) / Math.Max(1, Math.Abs(e)));
            }
        if (worst > 1e-4) throw new InvalidOperationException($"Keel's and XGBoost's contributions differ by {worst}.");
        results["max_relative_difference"] = worst;
        Emit(results);
        return 0;
    }
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Keel.Data;
using Keel.Data.Io;
using Keel.Learn;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Trainers;

namespace Keel.Benchmarks;

internal static partial class Modes
{
    /// <summary>
    /// BenchmarkDotNet micro-benchmarks, short run, in process (no child project is generated or built, so nothing is
    /// written next to the sources). Artifacts go to $KEEL_BENCH_ARTIFACTS or /tmp/keel-bdn-artifacts.
    /// </summary>
    public static int Bdn(string[] args)
    {
        var artifacts = Environment.GetEnvironmentVariable("KEEL_BENCH_ARTIFACTS") ?? Path.Combine(Path.GetTempPath(), "keel-bdn-artifacts");
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .WithArtifactsPath(artifacts);
        var summaries = BenchmarkSwitcher.FromTypes([typeof(ScoringBenchmarks)]).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    /// <summary>samples/data/adult.data, from $KEEL_BENCH_ADULT or found upwards from the working folder.</summary>
    internal static string FindAdult()
    {
        if (Environment.GetEnvironmentVariable("KEEL_BENCH_ADULT") is { Length: > 0 } given) return given;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "data", "adult.data");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("samples/data/adult.data not found; set KEEL_BENCH_ADULT.");
    }
}

/// <summary>
/// Scoring 1,000 Adult rows with a LightGBM model trained by Keel (defaults, 300 trees): Keel's model.Predict from a
/// table (featurization included), from features, featurization alone, and LightGBM's own predictor on the same
/// features for reference.
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private Model _model = null!;
    private Table _rows = null!;
    private FeatureMatrix _features = null!;
    private NativeLightGbm.Booster _booster = null!;

    [GlobalSetup]
    public void Setup()
    {
        var table = CsvTableReader.Read(Modes.FindAdult());
        var target = Target.Detect(table, Modes.AdultLabel);
        var context = new TrainingContext { Seed = 42 };
        _model = new LightGbmTrainer().Fit(table, target, context);
        _rows = table.Take(Enumerable.Range(0, 1000).ToArray());
        _features = _model.Features.Transform(_rows);
        var all = _model.Features.Transform(table);
        var labels = target.Encode(table).Select(v => (float)v).ToArray();
        _booster = NativeLightGbm.Train(all.Values, all.Rows, all.Columns, labels, Modes.NativeParameters(context.Threads), Modes.Iterations);
    }

    [GlobalCleanup]
    public void Cleanup() => _booster.Dispose();

    [Benchmark(Baseline = true, Description = "Keel Predict(Table) 1,000 rows")]
    public Predictions PredictTable() => _model.Predict(_rows);

    [Benchmark(Description = "Keel Predict(FeatureMatrix) 1,000 rows")]
    public Predictions PredictFeatures() => _model.Predict(_features);

    [Benchmark(Description = "Keel featurize 1,000 rows")]
    public FeatureMatrix Featurize() => _model.Features.Transform(_rows);

    [Benchmark(Description = "LightGBM native predict (raw) 1,000 rows")]
    public double[] NativePredict() => NativeLightGbm.PredictRaw(_booster, _features.Values, _features.Rows, _features.Columns);
}

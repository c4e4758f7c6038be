using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Keel.Data;
using Keel.Data.Io;
using Keel.Learn;
using Keel.Learn.Evaluation;
using Keel.Learn.Featurization;
using Keel.Learn.Models;
using Keel.Learn.Selection;
using Keel.Learn.Trainers;

namespace Keel.Benchmarks;

internal static partial class Modes
{
    public const string AdultLabel = "column15";

    /// <summary>
    /// The LightGBM parameter string that <see cref="LightGbmTrainer"/> passes for a binary task with its defaults and
    /// seed 42, written out here so the native baseline does not depend on Keel's code. The run checks (by reflection
    /// on the internal <c>NativeParameters</c>) that Keel still builds exactly this string.
    /// </summary>
    public static string NativeParameters(int threads) =>
        "objective=binary learning_rate=0.05 num_leaves=31 min_data_in_leaf=20 " +
        "feature_fraction=0.9 bagging_fraction=0.8 bagging_freq=1 lambda_l2=1 max_bin=255 " +
        $"seed=42 deterministic=true force_row_wise=true num_threads={threads} verbosity=-1";

    public const int Iterations = 300;

    /// <summary>
    /// Adult, read plainly (no schema: columns column1..column15, label column15), split 80/20 stratified with seed 42 by
    /// <see cref="DataSplit.TrainTest"/>. Times, per repetition (after one untimed warm-up of each): Keel's
    /// <see cref="LightGbmTrainer"/>.Fit end to end; featurization alone; native LightGBM alone on the same features with
    /// the same parameter string. Also times the other parts of Keel's fit (model text, parsing it, covers).
    /// </summary>
    public static int TrainAdult(string path, string[] args)
    {
        var repeats = int.Parse(Option(args, "--repeats") ?? "3", CultureInfo.InvariantCulture);
        var splitOut = Option(args, "--split-out");
        var threads = Environment.ProcessorCount;

        var processStart = Stopwatch.GetTimestamp();
        var start = processStart;
        var table = CsvTableReader.Read(path);
        var readSeconds = Seconds(start);
        var target = Target.Detect(table, AdultLabel);
        var (trainRows, testRows) = DataSplit.TrainTest(target.Encode(table), target.Task, 0.2, seed: 42);
        var train = table.Take(trainRows);
        var test = table.Take(testRows);
        if (splitOut is not null)
            File.WriteAllText(splitOut, JsonSerializer.Serialize(new { rows = table.RowCount, train = trainRows, test = testRows }));

        var context = new TrainingContext { Seed = 42 };
        var trainer = new LightGbmTrainer();
        var parameters = NativeParameters(context.Threads);
        var keelParameters = KeelNativeParameters(trainer, target, context);
        if (keelParameters is not null && keelParameters != parameters)
            throw new InvalidOperationException($"Keel's parameter string changed:\n  keel:  {keelParameters}\n  bench: {parameters}\nUpdate NativeParameters in the benchmark.");

        var keelCpu = new List<double>();
        var nativeCpu = new List<double>();
        var keel = new List<double>();
        var featurize = new List<double>();
        var native = new List<double>();
        var nativeSave = new List<double>();
        var parse = new List<double>();
        var covers = new List<double>();
        Model? model = null;
        double[]? nativeRawTest = null;
        FeatureMatrix? features = null;
        float[]? labels = null;
        for (var rep = 0; rep <= repeats; rep++) // rep 0 is the untimed warm-up
        {
            var warm = rep == 0;
            Console.Error.WriteLine($"train-adult: {(warm ? "warm-up" : $"repetition {rep} of {repeats}")} at {Seconds(processStart):F1} s");

            Collect();
            var cpu = CpuSeconds();
            start = Stopwatch.GetTimestamp();
            model = trainer.Fit(train, target, context);
            var t = Seconds(start);
            if (!warm) { keel.Add(t); keelCpu.Add(CpuSeconds() - cpu); }
            Console.Error.WriteLine($"train-adult:   Keel fit {t:F2} s");

            Collect();
            start = Stopwatch.GetTimestamp();
            var plan = FeaturePlan.Fit(train.WithRole(AdultLabel, ColumnRole.Label));
            features = plan.Transform(train);
            labels = target.Encode(train).Select(v => (float)v).ToArray();
            t = Seconds(start);
            if (!warm) featurize.Add(t);

            Collect();
            cpu = CpuSeconds();
            start = Stopwatch.GetTimestamp();
            using var booster = NativeLightGbm.Train(features.Values, features.Rows, features.Columns, labels, parameters, Iterations);
            t = Seconds(start);
            if (!warm) { native.Add(t); nativeCpu.Add(CpuSeconds() - cpu); }
            Console.Error.WriteLine($"train-adult:   native train {t:F2} s");

            start = Stopwatch.GetTimestamp();
            var text = NativeLightGbm.SaveModelText(booster);
            t = Seconds(start);
            if (!warm) nativeSave.Add(t);

            start = Stopwatch.GetTimestamp();
            var ensemble = ParseModelText(text);
            t = Seconds(start);
            if (!warm && ensemble is not null) parse.Add(t);

            if (ensemble is not null)
            {
                start = Stopwatch.GetTimestamp();
                GC.KeepAlive(ensemble.WithCovers(features));
                t = Seconds(start);
                if (!warm) covers.Add(t);
            }

            if (rep == repeats)
            {
                var testFeatures = model.Features.Transform(test);
                nativeRawTest = NativeLightGbm.PredictRaw(booster, testFeatures.Values, testFeatures.Rows, testFeatures.Columns);
            }
        }

        Console.Error.WriteLine($"train-adult: timed part done at {Seconds(processStart):F1} s");
        var evaluation = Evaluator.Evaluate(model!, test, resamples: 0);
        var keelRaw = model!.Predict(test).Raw;
        var maxRawDiff = keelRaw.Zip(nativeRawTest!, (a, b) => Math.Abs(a - b)).Max();
        var keelMedian = Median(keel);
        var nativeMedian = Median(native);
        Emit(new
        {
            tool = "keel",
            mode = "train-adult",
            path,
            rows = table.RowCount,
            train_rows = train.RowCount,
            test_rows = test.RowCount,
            features = features!.Columns,
            threads,
            iterations = Iterations,
            parameters,
            parameters_match_keel = keelParameters is null ? (bool?)null : keelParameters == parameters,
            read_seconds = readSeconds,
            repeats,
            keel_fit_seconds = keel,
            featurize_seconds = featurize,
            native_train_seconds = native,
            native_save_text_seconds = nativeSave,
            parse_model_text_seconds = parse,
            covers_seconds = covers,
            keel_fit_cpu_seconds = keelCpu,
            native_train_cpu_seconds = nativeCpu,
            keel_fit_median = keelMedian,
            featurize_median = Median(featurize),
            native_train_median = nativeMedian,
            overhead = (keelMedian - nativeMedian) / nativeMedian,
            overhead_cpu = (Median(keelCpu) - Median(nativeCpu)) / Median(nativeCpu),
            load_average_end = LoadAverage(),
            roc_auc = evaluation[MetricNames.RocAuc],
            log_loss = evaluation[MetricNames.LogLoss],
            accuracy = evaluation[MetricNames.Accuracy],
            trees = (model.Predictor as TreeEnsemble)?.Trees.Length,
            max_abs_raw_diff_keel_vs_native = maxRawDiff,
        });
        return 0;
    }

    /// <summary>User plus system CPU time of this process (all threads, LightGBM's OpenMP threads included).</summary>
    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The 1-minute load average (Linux), to show whether other work competed for the CPUs.</summary>
    internal static double? LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var s = values.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    /// <summary>Keel's own parameter string (internal, read by reflection for the check only); null if it cannot be read.</summary>
    private static string? KeelNativeParameters(LightGbmTrainer trainer, Target target, TrainingContext context)
    {
        var method = typeof(LightGbmTrainer).GetMethod("NativeParameters", BindingFlags.Instance | BindingFlags.NonPublic);
        return method?.Invoke(trainer, [target, context]) as string;
    }

    /// <summary>Keel's parser of LightGBM model text (internal, called by reflection to time that part of the fit).</summary>
    private static TreeEnsemble? ParseModelText(string text)
    {
        var type = typeof(LightGbmTrainer).Assembly.GetType("Keel.Learn.Native.LightGbmModelText");
        var method = type?.GetMethod("Parse", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(string)]);
        var result = method?.Invoke(null, [text]);
        return result?.GetType().GetField("Item1")?.GetValue(result) as TreeEnsemble;
    }
}

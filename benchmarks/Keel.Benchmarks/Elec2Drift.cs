using System.Diagnostics;
using System.Globalization;
using Keel.Data.Io;
using Keel.Learn;
using Keel.Learn.Trainers;
using Keel.Monitoring.Streaming;

namespace Keel.Benchmarks;

internal static partial class Modes
{
    /// <summary>Half-hours per day: Elec2's period column runs 0, 1/47, ..., 1 on every 48 rows, no row missing.</summary>
    private const int Elec2RowsPerDay = 48;

    /// <summary>The first model learns the first two weeks.</summary>
    private const int Elec2InitialRows = 2 * 7 * Elec2RowsPerDay;

    /// <summary>Every refit learns the last four weeks.</summary>
    private const int Elec2WindowRows = 4 * 7 * Elec2RowsPerDay;

    /// <summary>The scheduled strategy refits every two weeks.</summary>
    private const int Elec2RetrainEvery = 2 * 7 * Elec2RowsPerDay;

    private const int Elec2BlockRows = 5000;
    private const int Elec2RollingRows = 1000;

    /// <summary>
    /// Elec2 (Harries 1999; NSW electricity prices, 45,312 half-hours in time order, label 1 = price up) prequentially:
    /// a classifier is fitted on the first two weeks and scores every later row before its label arrives.
    /// --trainer lightgbm (the default: 100 rounds, otherwise LightGbmTrainer's defaults) or linear; --seed (default
    /// 42); --threads (default 1: on 1,344 rows LightGBM is faster on one thread than on two).
    /// (1) The static model's 0/1 error stream goes to every streaming detector with River's defaults; their warning and
    /// drift rows. (2) Strategies: the static model; refit every two weeks; refit when ADWIN, or DDM, watching the
    /// current model's errors detects a drift; and, for the trade-off between refits and accuracy, refit every week and
    /// every four weeks. Every refit learns the last four weeks. Accuracy overall, per 5,000 rows and rolling over 1,000
    /// rows (an SVG of the first four, --plot, default docs/images/elec2_prequential.svg), refits, seconds; and two
    /// baselines: the first two weeks' majority class, and no-change (the previous row's label), which Elec2's strong
    /// autocorrelation makes hard to beat (Žliobaitė 2013). Prints one JSON line on stdout and the tables on stderr.
    /// </summary>
    public static int Elec2Drift(string path, string[] args)
    {
        var started = Stopwatch.GetTimestamp();
        var trainerName = Option(args, "--trainer") ?? "lightgbm";
        ITrainer trainer = trainerName switch
        {
            "lightgbm" => new LightGbmTrainer { Iterations = 100 },
            "linear" => new LinearTrainer(),
            _ => throw new ArgumentException($"--trainer {trainerName}: the trainers are lightgbm and linear."),
        };
        var plotPath = Option(args, "--plot") ?? Path.Combine("docs", "images", "elec2_prequential.svg");
        var context = new TrainingContext
        {
            Seed = int.Parse(Option(args, "--seed") ?? "42", CultureInfo.InvariantCulture),
            Threads = int.Parse(Option(args, "--threads") ?? "1", CultureInfo.InvariantCulture),
        };

        var table = CsvTableReader.Read(path);
        var target = Target.Detect(table, "class");
        var labels = target.Encode(table);
        var rows = table.RowCount;
        Console.Error.WriteLine($"elec2: {rows} rows ({rows / (double)Elec2RowsPerDay:0.#} days), first model on rows 0-{Elec2InitialRows - 1}, {trainer.Name} on {context.Threads} threads");

        var strategies = new (string Name, PrequentialOptions Options)[]
        {
            ("static", new PrequentialOptions { InitialRows = Elec2InitialRows, WindowRows = Elec2WindowRows }),
            ("every_2_weeks", new PrequentialOptions { InitialRows = Elec2InitialRows, WindowRows = Elec2WindowRows, RetrainEvery = Elec2RetrainEvery }),
            ("on_adwin_drift", new PrequentialOptions { InitialRows = Elec2InitialRows, WindowRows = Elec2WindowRows, RetrainOnDrift = "adwin" }),
            ("on_ddm_drift", new PrequentialOptions { InitialRows = Elec2InitialRows, WindowRows = Elec2WindowRows, RetrainOnDrift = "ddm" }),
            ("every_1_week", new PrequentialOptions { InitialRows = Elec2InitialRows, WindowRows = Elec2WindowRows, RetrainEvery = Elec2RetrainEvery / 2 }),
            ("every_4_weeks", new PrequentialOptions { InitialRows = Elec2InitialRows, WindowRows = Elec2WindowRows, RetrainEvery = Elec2RetrainEvery * 2 }),
        };
        var runs = new List<(string Name, PrequentialRun Run, double Seconds)>();
        foreach (var (name, options) in strategies)
        {
            var t = Stopwatch.GetTimestamp();
            var run = PrequentialRun.Over(table, target, trainer, options, context);
            var seconds = Seconds(t);
            runs.Add((name, run, seconds));
            Console.Error.WriteLine($"  {name}: accuracy {run.Accuracy:0.0000}, {run.RetrainRows.Count} refits, {seconds:0.0} s");
        }
        var majorityClass = labels.Take(Elec2InitialRows).Count(v => v == 1) * 2 > Elec2InitialRows ? 1 : 0;
        var majority = Enumerable.Range(Elec2InitialRows, rows - Elec2InitialRows).Select(i => labels[i] == majorityClass).ToArray();
        var noChange = Enumerable.Range(Elec2InitialRows, rows - Elec2InitialRows).Select(i => labels[i] == labels[i - 1]).ToArray();

        var blocks = Enumerable.Range(0, (rows + Elec2BlockRows - 1) / Elec2BlockRows)
            .Select(b => (From: Math.Max(b * Elec2BlockRows, Elec2InitialRows), To: Math.Min((b + 1) * Elec2BlockRows, rows)))
            .ToArray();
        var errors = runs[0].Run.Correct.Select(c => c ? 0.0 : 1.0).ToArray();
        var detectors = DriftDetectors.Names.Select(name =>
        {
            var run = DriftRun.Over(DriftDetectors.Create(name), errors);
            var drifts = run.DriftIndices.Select(i => (int)i + Elec2InitialRows).ToArray();
            var warnings = Episodes(run.WarningIndices.Select(i => (int)i + Elec2InitialRows).ToArray());
            return new
            {
                detector = name,
                drifts = drifts.Length,
                drift_rows = drifts,
                drift_days = drifts.Select(Elec2Day).ToArray(),
                drifts_per_5000_rows = blocks.Select(b => drifts.Count(r => r >= b.From && r < b.To)).ToArray(),
                warning_rows = run.WarningIndices.Count,
                warning_episodes = warnings.Count,
                warning_episode_rows = warnings.Select(e => new[] { e.First, e.Last }).ToArray(),
            };
        }).ToArray();

        var result = new
        {
            mode = "elec2",
            rows,
            days = rows / Elec2RowsPerDay,
            trainer = trainer.Name,
            trainer_parameters = trainer.Parameters,
            seed = context.Seed,
            threads = context.Threads,
            initial_rows = Elec2InitialRows,
            window_rows = Elec2WindowRows,
            retrain_every = Elec2RetrainEvery,
            scored_rows = rows - Elec2InitialRows,
            static_error_rate = Math.Round(errors.Average(), 4),
            detectors,
            strategies = runs.Select(r => new
            {
                strategy = r.Name,
                accuracy = Math.Round(r.Run.Accuracy, 4),
                refits = r.Run.RetrainRows.Count,
                refit_rows = r.Run.RetrainRows,
                refit_days = r.Run.RetrainRows.Select(Elec2Day).ToArray(),
                accuracy_per_5000_rows = blocks.Select(b => Math.Round(Share(r.Run.Correct, b.From - Elec2InitialRows, b.To - Elec2InitialRows), 4)).ToArray(),
                seconds = Math.Round(r.Seconds, 2),
            }).ToArray(),
            majority_class_of_first_model_rows = target.Classes[majorityClass],
            majority_accuracy = Math.Round(Share(majority, 0, majority.Length), 4),
            no_change_accuracy = Math.Round(Share(noChange, 0, noChange.Length), 4),
            no_change_accuracy_per_5000_rows = blocks.Select(b => Math.Round(Share(noChange, b.From - Elec2InitialRows, b.To - Elec2InitialRows), 4)).ToArray(),
            blocks = blocks.Select(b => new[] { b.From, b.To - 1 }).ToArray(),
            plot = plotPath,
            seconds = 0.0,
        };

        var curves = runs.Take(4).Select(r => (r.Name, Rolling(r.Run.Correct, Elec2RollingRows), r.Run.DriftRows)).ToList();
        var adwinOnStatic = detectors.First(d => d.detector == "adwin").drift_rows;
        Elec2Plot.Write(plotPath, Elec2InitialRows, Elec2RollingRows, Elec2RowsPerDay, curves, Rolling(noChange, Elec2RollingRows), adwinOnStatic);

        Console.Error.WriteLine();
        Console.Error.WriteLine($"| detector | drifts | {string.Join(" | ", blocks.Select(b => $"{b.From:N0}-{b.To - 1:N0}"))} | first drift, row (day) | warning episodes | rows in warning |");
        Console.Error.WriteLine($"|---|---:|{string.Concat(blocks.Select(_ => "---:|"))}---|---:|---:|");
        foreach (var d in detectors)
            Console.Error.WriteLine($"| {d.detector} | {d.drifts} | {string.Join(" | ", d.drifts_per_5000_rows)} | " +
                                    $"{(d.drift_rows.Length > 0 ? $"{d.drift_rows[0]:N0} ({d.drift_days[0]})" : "-")} | {d.warning_episodes} | {d.warning_rows:N0} |");
        Console.Error.WriteLine();
        foreach (var d in detectors)
            Console.Error.WriteLine($"{d.detector} drift rows (day): {string.Join(", ", d.drift_rows.Select(r => $"{r:N0} ({Elec2Day(r)})"))}");
        Console.Error.WriteLine();
        Console.Error.WriteLine("| strategy | accuracy | refits | seconds |");
        Console.Error.WriteLine("|---|---:|---:|---:|");
        foreach (var s in result.strategies) Console.Error.WriteLine($"| {s.strategy} | {s.accuracy:0.0000} | {s.refits} | {s.seconds:0.0} |");
        Console.Error.WriteLine($"| no-change baseline | {result.no_change_accuracy:0.0000} | - | - |");
        Console.Error.WriteLine($"| majority class ({result.majority_class_of_first_model_rows}) of the first two weeks | {result.majority_accuracy:0.0000} | - | - |");
        Console.Error.WriteLine();
        Console.Error.WriteLine($"| rows | days | {string.Join(" | ", runs.Select(r => r.Name))} | no-change |");
        Console.Error.WriteLine($"|---|---|{string.Concat(runs.Select(_ => "---:|"))}---:|");
        for (var b = 0; b < blocks.Length; b++)
            Console.Error.WriteLine($"| {blocks[b].From:N0}-{blocks[b].To - 1:N0} | {Elec2Day(blocks[b].From)}-{Elec2Day(blocks[b].To - 1)} | " +
                                    $"{string.Join(" | ", result.strategies.Select(s => s.accuracy_per_5000_rows[b].ToString("0.0000", CultureInfo.InvariantCulture)))} | " +
                                    $"{result.no_change_accuracy_per_5000_rows[b]:0.0000} |");

        Emit(result with { seconds = Math.Round(Seconds(started), 1) });
        return 0;
    }

    /// <summary>The 1-based day of a 0-based row.</summary>
    private static int Elec2Day(int row) => row / Elec2RowsPerDay + 1;

    private static double Share(IReadOnlyList<bool> correct, int from, int to)
    {
        var right = 0;
        for (var i = from; i < to; i++) if (correct[i]) right++;
        return right / (double)(to - from);
    }

    /// <summary>The accuracy over the <paramref name="width"/> rows ending at each row, from the first row with that many behind it.</summary>
    private static double[] Rolling(IReadOnlyList<bool> correct, int width)
    {
        var result = new double[Math.Max(0, correct.Count - width + 1)];
        var right = 0;
        for (var i = 0; i < correct.Count; i++)
        {
            if (correct[i]) right++;
            if (i >= width && correct[i - width]) right--;
            if (i >= width - 1) result[i - width + 1] = right / (double)width;
        }
        return result;
    }

    /// <summary>Runs of consecutive rows, as (first, last).</summary>
    private static List<(int First, int Last)> Episodes(int[] rows)
    {
        var episodes = new List<(int First, int Last)>();
        foreach (var row in rows)
        {
            if (episodes.Count > 0 && episodes[^1].Last == row - 1) episodes[^1] = (episodes[^1].First, row);
            else episodes.Add((row, row));
        }
        return episodes;
    }
}

using System.Globalization;
using Keel.Monitoring.Streaming;

namespace Keel.Benchmarks;

/// <summary>The prequential mode's tables (markdown on stderr), JSON and plots.</summary>
internal static class PrequentialReport
{
    /// <summary>One strategy's run on a data set; <paramref name="Plotted"/> strategies are plotted and get per-block columns.</summary>
    internal sealed record Strategy(string Name, bool Plotted, PrequentialRun Run, double Seconds);

    private static string F(double value, string format = "0.0000") => value.ToString(format, CultureInfo.InvariantCulture);

    public static void PolicyChoice(IReadOnlyList<Modes.DriftPolicy> candidates, Modes.DriftPolicy chosen, Modes.DriftPolicy mostAccurate, int refitLimit, int rows)
    {
        Console.Error.WriteLine();
        Console.Error.WriteLine($"Drift policy chosen on elec2 rows 0-{rows - 1:N0}: highest accuracy among the candidates with at most {refitLimit} refits " +
                                "(the every-2-weeks schedule's on those rows), ties at 3 decimals to fewer refits; most accurate: the highest accuracy whatever the refits.");
        Console.Error.WriteLine();
        Console.Error.WriteLine("| detector | least new labels (share of window) | accuracy | refits | |");
        Console.Error.WriteLine("|---|---:|---:|---:|---|");
        foreach (var c in candidates)
            Console.Error.WriteLine($"| {c.Detector} | {F(c.MinShare, "0.00")} | {F(c.Accuracy)} | {c.Refits} | {string.Join(", ", new[] { c == chosen ? "chosen" : null, c == mostAccurate ? "most accurate" : null }.OfType<string>())} |");
        Console.Error.WriteLine();
    }

    /// <summary>Prints the data set's tables and returns its JSON part; <paramref name="heldOutFrom"/> is the first row not used to choose the policy (null: none was).</summary>
    public static object Print(PrequentialDataSet set, IReadOnlyList<Strategy> runs, int? heldOutFrom)
    {
        var blocks = set.Blocks();
        var first = set.InitialRows;
        var labels = set.Target.Encode(set.Table);
        var classes = set.Target.Classes;
        var majority = Enumerable.Range(0, classes.Count).MaxBy(k => labels.Take(first).Count(v => (int)v == k));
        bool[] Baseline(Func<int, bool> right) => Enumerable.Range(first, set.Table.RowCount - first).Select(right).ToArray();
        var baselines = new List<(string Name, bool[] Correct)> { ($"majority class of the first model's rows ({classes[majority]})", Baseline(r => (int)labels[r] == majority)) };
        if (set.Name == "elec2") baselines.Add(("no-change (previous row's label)", Baseline(r => labels[r] == labels[r - 1])));
        var positive = set.Payoff is { } p ? classes.ToList().IndexOf(p.PositiveClass) : -1;

        double Share(IReadOnlyList<bool> correct, int from, int to) => Enumerable.Range(from - first, to - from).Count(i => correct[i]) / (double)(to - from);
        double ValueIn(PrequentialRun run, int from, int to) => run.Rows.Skip(from - first).Take(to - from).Sum(r => r.Value);
        double PositiveRate(int from, int to) => Enumerable.Range(from, to - from).Count(r => (int)labels[r] == positive) / (double)(to - from);

        Console.Error.WriteLine();
        Console.Error.WriteLine($"## {set.Name}: {set.Table.RowCount:N0} rows, first model on rows 0-{first - 1:N0}, refits learn the last {set.WindowRows:N0} labelled rows");
        Console.Error.WriteLine();
        var heldOut = heldOutFrom is { } h ? $" | accuracy on rows {h:N0}- |" : " |";
        var value = set.Payoff is null ? "" : " value |";
        Console.Error.WriteLine($"| strategy | accuracy{heldOut} refits | drift detections |{value} seconds |");
        Console.Error.WriteLine($"|---|---:|{(heldOutFrom is null ? "" : "---:|")}---:|---:|{(set.Payoff is null ? "" : "---:|")}---:|");
        foreach (var s in runs)
            Console.Error.WriteLine($"| {s.Name} | {F(s.Run.Accuracy)} |{(heldOutFrom is { } from ? $" {F(Share(s.Run.Correct, from, set.Table.RowCount))} |" : "")} " +
                                    $"{s.Run.RetrainRows.Count} | {s.Run.DriftRows.Count} |{(set.Payoff is null ? "" : $" {s.Run.TotalValue:N0} |")} {F(s.Seconds, "0.0")} |");
        foreach (var (name, correct) in baselines)
            Console.Error.WriteLine($"| baseline: {name} | {F(Share(correct, first, set.Table.RowCount))} |{(heldOutFrom is { } from ? $" {F(Share(correct, from, set.Table.RowCount))} |" : "")} - | - |{(set.Payoff is null ? "" : " - |")} - |");
        var callAll = set.Payoff is { } payoff
            ? Enumerable.Range(first, set.Table.RowCount - first).Sum(r => payoff.ValueOf(true, (int)labels[r] == positive))
            : double.NaN;
        if (set.Payoff is not null)
            Console.Error.WriteLine($"| baseline: act on every row | - |{(heldOutFrom is null ? "" : " - |")} - | - | {callAll:N0} | - |\n| baseline: act on no row | - |{(heldOutFrom is null ? "" : " - |")} - | - | 0 | - |");

        var plotted = runs.Where(s => s.Plotted).ToArray();
        Console.Error.WriteLine();
        Console.Error.WriteLine($"| rows |{(positive >= 0 ? $" {classes[positive]} rate |" : "")} {string.Join(" | ", plotted.Select(s => s.Name))} | {string.Join(" | ", baselines.Select(b => b.Name.Split(' ')[0]))} |");
        Console.Error.WriteLine($"|---|{(positive >= 0 ? "---:|" : "")}{string.Concat(plotted.Select(_ => "---:|"))}{string.Concat(baselines.Select(_ => "---:|"))}");
        foreach (var (from, to) in blocks)
            Console.Error.WriteLine($"| {from:N0}-{to - 1:N0} |{(positive >= 0 ? $" {F(PositiveRate(from, to), "0.000")} |" : "")} " +
                                    $"{string.Join(" | ", plotted.Select(s => F(Share(s.Run.Correct, from, to))))} | {string.Join(" | ", baselines.Select(b => F(Share(b.Correct, from, to))))} |");
        if (set.Payoff is not null)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine($"| rows (value) | {string.Join(" | ", plotted.Select(s => s.Name))} | act on every row |");
            Console.Error.WriteLine($"|---|{string.Concat(plotted.Select(_ => "---:|"))}---:|");
            foreach (var (from, to) in blocks)
                Console.Error.WriteLine($"| {from:N0}-{to - 1:N0} | {string.Join(" | ", plotted.Select(s => ValueIn(s.Run, from, to).ToString("N0", CultureInfo.InvariantCulture)))} | " +
                                        $"{Enumerable.Range(from, to - from).Sum(r => set.Payoff.ValueOf(true, (int)labels[r] == positive)):N0} |");
        }
        Console.Error.WriteLine();
        foreach (var s in runs.Where(s => s.Run.DriftRows.Count > 0))
        {
            Console.Error.WriteLine($"{s.Name}: detections after rows {string.Join(", ", s.Run.DriftRows.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))}");
            var deferred = s.Run.Retrains.Where(r => !s.Run.DriftRows.Contains(r.AfterRow)).Select(r => r.AfterRow.ToString("N0", CultureInfo.InvariantCulture)).ToArray();
            Console.Error.WriteLine($"{s.Name}: {s.Run.RetrainRows.Count} refits{(deferred.Length == 0 ? ", each right after its detection" : $"; held for the least new labels, after rows {string.Join(", ", deferred)}")}");
        }

        return new
        {
            data_set = set.Name,
            rows = set.Table.RowCount,
            initial_rows = first,
            window_rows = set.WindowRows,
            payoff = set.Payoff,
            blocks = blocks.Select(b => new[] { b.From, b.To - 1 }).ToArray(),
            positive_rate_per_block = positive >= 0 ? blocks.Select(b => Math.Round(PositiveRate(b.From, b.To), 4)).ToArray() : null,
            strategies = runs.Select(s => new
            {
                strategy = s.Name,
                accuracy = Math.Round(s.Run.Accuracy, 4),
                accuracy_held_out = heldOutFrom is { } from ? Math.Round(Share(s.Run.Correct, from, set.Table.RowCount), 4) : (double?)null,
                refits = s.Run.RetrainRows.Count,
                refit_rows = s.Run.RetrainRows,
                refit_reasons = s.Run.Retrains.Select(r => r.Reason).ToArray(),
                drift_rows = s.Run.DriftRows,
                value = set.Payoff is null ? (double?)null : s.Run.TotalValue,
                accuracy_per_block = blocks.Select(b => Math.Round(Share(s.Run.Correct, b.From, b.To), 4)).ToArray(),
                value_per_block = set.Payoff is null ? null : blocks.Select(b => ValueIn(s.Run, b.From, b.To)).ToArray(),
                seconds = Math.Round(s.Seconds, 2),
            }).ToArray(),
            baselines = baselines.Select(b => new { baseline = b.Name, accuracy = Math.Round(Share(b.Correct, first, set.Table.RowCount), 4) }).ToArray(),
            act_on_every_row_value = set.Payoff is null ? (double?)null : callAll,
        };
    }

    public static void Plot(PrequentialDataSet set, IReadOnlyList<Strategy> runs, string folder)
    {
        var plotted = runs.Where(s => s.Plotted).ToArray();
        var policy = plotted.Single(s => s.Name == "drift policy").Run;
        const int Step = 50;
        PrequentialPlot.Curve Rolling(Strategy s)
        {
            var points = Enumerable.Range(0, s.Run.Correct.Count - set.RollingRows + 1).Where(k => k % Step == 0).ToArray();
            var right = new int[s.Run.Correct.Count + 1];
            for (var i = 0; i < s.Run.Correct.Count; i++) right[i + 1] = right[i] + (s.Run.Correct[i] ? 1 : 0);
            return new PrequentialPlot.Curve(s.Name,
                points.Select(k => (set.InitialRows + k + set.RollingRows - 1) / set.RowsPerUnit).ToArray(),
                points.Select(k => (right[k + set.RollingRows] - right[k]) / (double)set.RollingRows).ToArray(),
                s.Name == "drift policy" ? s.Run.RetrainRows.Select(r => r / set.RowsPerUnit).ToArray() : []);
        }
        var detections = policy.DriftRows.Select(r => r / set.RowsPerUnit).ToArray();
        var detectionLegend = "drift policy: detection";
        PrequentialPlot.Write(Path.Combine(folder, $"prequential_{set.Name}.svg"),
            $"{set.Name}: prequential accuracy over the last {set.RollingRows:N0} rows", set.Unit, "accuracy",
            plotted.Select(Rolling).ToArray(), detections, detectionLegend, (0.3, 1.0));
        if (set.Payoff is null) return;
        PrequentialPlot.Curve Cumulative(Strategy s)
        {
            var points = Enumerable.Range(0, s.Run.Rows.Count).Where(k => k % Step == 0 || k == s.Run.Rows.Count - 1).ToArray();
            var sums = new double[s.Run.Rows.Count];
            for (var i = 0; i < sums.Length; i++) sums[i] = (i > 0 ? sums[i - 1] : 0) + s.Run.Rows[i].Value;
            return new PrequentialPlot.Curve(s.Name, points.Select(k => (set.InitialRows + k) / set.RowsPerUnit).ToArray(), points.Select(k => sums[k]).ToArray(),
                s.Name == "drift policy" ? s.Run.RetrainRows.Select(r => r / set.RowsPerUnit).ToArray() : []);
        }
        PrequentialPlot.Write(Path.Combine(folder, $"prequential_{set.Name}_value.svg"),
            $"{set.Name}: cumulative value of the decisions (call costs 5, subscription brings 50)", set.Unit, "cumulative value",
            plotted.Select(Cumulative).ToArray(), detections, detectionLegend, null);
    }
}

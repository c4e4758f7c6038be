using Keel.Data;
using Keel.Learn;
using Keel.Learn.Trainers;

namespace Keel.Monitoring.Streaming;

/// <summary>
/// A prequential (test-then-train) run of a classifier over a time-ordered table (Gama, Sebastião and Rodrigues 2013,
/// "On evaluating stream learning algorithms", Machine Learning 90): a model is fitted on the first
/// <see cref="PrequentialOptions.InitialRows"/> rows, then every later row is first scored and then its label arrives.
/// After a row's label the model may be refitted on the most recent <see cref="PrequentialOptions.WindowRows"/> rows,
/// on a schedule (<see cref="PrequentialOptions.RetrainEvery"/>) or when a streaming detector fed the 0/1 error stream
/// detects a drift (<see cref="PrequentialOptions.RetrainOnDrift"/>, the scheme of Gama et al. 2004's DDM); the refitted
/// model scores from the next row, and the detector starts afresh, since it now watches a new model's errors.
/// Deterministic for the trainer's seed.
/// </summary>
/// <param name="FirstRow">The first scored row (<see cref="PrequentialOptions.InitialRows"/>).</param>
/// <param name="Correct">For each scored row, from <see cref="FirstRow"/> on, whether the model's class was the label.</param>
/// <param name="RetrainRows">The rows after whose label a model was refitted, in order.</param>
/// <param name="DriftRows">The rows after which the detector detected a drift (each one triggered a refit).</param>
/// <example>
/// A label that flips at row 1,000, a first model fitted on 200 rows and refitted on the last 30 whenever ADWIN
/// sees the error rate change:
/// <code>
/// var x = Enumerable.Range(0, 2000).Select(i => i * 0.618034 % 1).ToArray();
/// var y = x.Select((v, i) => (v > 0.5) == (i &lt; 1000) ? 1.0 : 0.0).ToArray();
/// var table = new Table([new NumericColumn("x", x), new NumericColumn("y", y)]);
/// var run = PrequentialRun.Over(table, Target.Detect(table, "y"), new LinearTrainer(),
///     new PrequentialOptions { InitialRows = 200, WindowRows = 30, RetrainOnDrift = "adwin" });
/// Console.WriteLine($"drift after row {run.DriftRows[0]}, accuracy {run.Accuracy:0.00}");
/// // drift after row 1031, accuracy 0.98
/// </code>
/// </example>
public sealed record PrequentialRun(int FirstRow, IReadOnlyList<bool> Correct, IReadOnlyList<int> RetrainRows, IReadOnlyList<int> DriftRows)
{
    /// <summary>Rows scored by one model at a time; the rest of a batch is scored again after a refit.</summary>
    private const int Batch = 1000;

    /// <summary>The share of scored rows whose class was right.</summary>
    public double Accuracy => Correct.Count == 0 ? double.NaN : Correct.Count(c => c) / (double)Correct.Count;

    /// <summary>
    /// Runs <paramref name="trainer"/> prequentially over <paramref name="table"/>'s rows in order. Refuses a regression
    /// target, a table with no row after the initial ones, a row without a label, and invalid options, every problem in
    /// one <see cref="ArgumentException"/>.
    /// </summary>
    public static PrequentialRun Over(Table table, Target target, ITrainer trainer, PrequentialOptions options, TrainingContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(options);
        var labels = target.Encode(table);
        var problems = options.Validate().ToList();
        if (target.Task == TaskKind.Regression)
            problems.Add($"'{target.Column}' is a regression target; a prequential run counts right and wrong classes, so it needs a classifier.");
        if (options.InitialRows >= table.RowCount)
            problems.Add($"InitialRows is {options.InitialRows} but the table has {table.RowCount} rows: no row would be scored.");
        if (Array.FindIndex(labels, v => v < 0 || double.IsNaN(v)) is var missing and >= 0)
            problems.Add($"Row {missing} has no label (or one the target does not know); every row of a prequential run needs its label.");
        if (problems.Count > 0) throw new ArgumentException($"Prequential run: {string.Join(" ", problems)}", nameof(options));

        var classes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < target.Classes.Count; k++) classes[target.Classes[k]] = k;
        var detector = options.RetrainOnDrift is { } name ? DriftDetectors.Create(name, options.DetectorParameters) : null;
        var first = options.InitialRows;
        var model = trainer.Fit(Rows(table, 0, first), target, context);
        var correct = new bool[table.RowCount - first];
        var retrains = new List<int>();
        var drifts = new List<int>();

        var row = first;
        while (row < table.RowCount)
        {
            var predicted = model.Predict(Rows(table, row, Math.Min(table.RowCount, row + Batch))).Labels!;
            var start = row;
            var refit = false;
            while (row < start + predicted.Length && !refit)
            {
                var right = classes[predicted[row - start]] == (int)labels[row];
                correct[row - first] = right;
                if (detector is not null)
                {
                    detector.Update(right ? 0 : 1);
                    if (detector.DriftDetected) drifts.Add(row);
                    refit = detector.DriftDetected;
                }
                refit |= options.RetrainEvery > 0 && (row + 1 - first) % options.RetrainEvery == 0;
                if (refit && row + 1 < table.RowCount)
                {
                    retrains.Add(row);
                    var from = Math.Max(0, row + 1 - options.WindowRows);
                    model = trainer.Fit(Rows(table, from, row + 1), target, context);
                    detector?.Reset();
                }
                row++;
            }
        }
        return new PrequentialRun(first, correct, retrains, drifts);
    }

    private static Table Rows(Table table, int from, int to) => table.Take(Enumerable.Range(from, to - from).ToArray());
}

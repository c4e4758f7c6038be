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
/// A retraining policy's other settings: labels that arrive <see cref="PrequentialOptions.LabelDelay"/> rows late (the
/// detector sees a row's error, and a refit may learn the row, only then; errors of rows an earlier model scored are
/// not fed to the detector of a later one), a least number of new labels between refits
/// (<see cref="PrequentialOptions.MinNewLabelledRows"/>: a refit due waits for them), the rows a refit learns
/// (<see cref="PrequentialOptions.Window"/>), and the value of binary decisions on the model's probabilities
/// (<see cref="PrequentialOptions.Payoff"/>). <see cref="Rows"/> keeps every scored row, for accuracy and value over
/// time. Deterministic for the trainer's seed.
/// </summary>
/// <param name="FirstRow">The first scored row (<see cref="PrequentialOptions.InitialRows"/>).</param>
/// <param name="Correct">For each scored row, from <see cref="FirstRow"/> on, whether the model's class was the label.</param>
/// <param name="RetrainRows">The rows after whose label a model was refitted, in order.</param>
/// <param name="DriftRows">The rows after whose scoring the detector detected a drift (each one made a refit due).</param>
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
    /// <summary>Every scored row, in order, from <see cref="FirstRow"/> on.</summary>
    public IReadOnlyList<PrequentialRow> Rows { get; init; } = [];

    /// <summary>Every refit, in order; their <see cref="PrequentialRetrain.AfterRow"/> are <see cref="RetrainRows"/>.</summary>
    public IReadOnlyList<PrequentialRetrain> Retrains { get; init; } = [];

    /// <summary>The options' payoff; null when the run took no decisions.</summary>
    public DecisionPayoff? Payoff { get; init; }

    /// <summary>The share of scored rows whose class was right.</summary>
    public double Accuracy => Correct.Count == 0 ? double.NaN : Correct.Count(c => c) / (double)Correct.Count;

    /// <summary>The summed value of every scored row's decision; NaN without a <see cref="Payoff"/>.</summary>
    public double TotalValue => Payoff is null ? double.NaN : Rows.Sum(r => r.Value);

    /// <summary>
    /// Runs <paramref name="trainer"/> prequentially over <paramref name="table"/>'s rows in order. Refuses a regression
    /// target, a table with no row after the initial ones, a row without a label, a payoff on a target that is not
    /// binary or whose positive class the target lacks, and invalid options, every problem in one
    /// <see cref="ArgumentException"/>.
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
        if (options.Payoff is { } payoff && target.Task != TaskKind.Regression && (target.Task != TaskKind.Binary || !target.Classes.Contains(payoff.PositiveClass)))
            problems.Add($"The payoff's positive class '{payoff.PositiveClass}' must be one of the two classes of a binary target; '{target.Column}' has {string.Join(", ", target.Classes)}.");
        if (problems.Count > 0) throw new ArgumentException($"Prequential run: {string.Join(" ", problems)}", nameof(options));

        return new PrequentialLoop(table, target, labels, trainer, options, context).Run();
    }
}

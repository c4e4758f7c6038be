using System.Globalization;
using Keel.Data;

namespace Keel.Lifecycle.Retraining;

/// <summary>
/// The rows a challenger trains on and the rows it is compared on: the most recent <c>evaluation_rows</c> labelled
/// rows are held out, and the training table is built from the rows before them (and the original training data)
/// as the policy's window says. <see cref="Description"/> says which rows, for the report and the audit log.
/// </summary>
public sealed record TrainingWindow(Table Training, Table Evaluation, int OriginalRows, int RecentRows, int RecentWeight, string Description)
{
    /// <summary>
    /// Builds the window from <paramref name="labelled"/> (labelled rows in time order, oldest first) and, for the
    /// expanding and original-plus-recent windows, <paramref name="original"/> (the champion's training data).
    /// </summary>
    /// <example>
    /// <code>
    /// var window = TrainingWindow.Build(policy, labelledRecent, originalTraining);
    /// // window.Evaluation: the last 2,000 labelled rows; window.Training: the original rows and the 5,000 before them, twice each
    /// </code>
    /// </example>
    public static TrainingWindow Build(RetrainingPolicy policy, Table labelled, Table? original = null, string originalName = "the original training data")
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(labelled);
        var held = policy.Challenger.EvaluationRows;
        var pool = labelled.RowCount - held;
        if (pool < RetrainingTriggers.MinTrainingRows)
            throw new KeelDataException(string.Create(CultureInfo.InvariantCulture,
                $"Too few labelled rows: {labelled.RowCount:N0}, of which the policy holds out {held:N0} (challenger.evaluation_rows) for the comparison, leaving {Math.Max(0, pool):N0} to train on; at least {RetrainingTriggers.MinTrainingRows} are needed. Wait for more labels or lower evaluation_rows."));
        var evaluation = labelled.Take(Enumerable.Range(pool, held).ToArray());
        var before = labelled.Take(Enumerable.Range(0, pool).ToArray());
        if (policy.Window == DataWindowKind.OriginalPlusRecent && original is null)
            throw new KeelDataException("The policy's window is original_plus_recent, which needs the champion's original training data: give it (keel lifecycle run --original FILE).");

        var recentCount = policy.Window == DataWindowKind.Expanding ? pool : Math.Min(policy.RecentRows, pool);
        var recent = before.Take(Enumerable.Range(pool - recentCount, recentCount).ToArray());
        var weight = policy.Window == DataWindowKind.OriginalPlusRecent ? policy.RecentWeight : 1;
        if (weight > 1) recent = recent.Take(Enumerable.Range(0, recentCount * weight).Select(i => i % recentCount).ToArray());
        var useOriginal = policy.Window != DataWindowKind.Sliding && original is not null;
        var training = useOriginal
            ? TableRows.Concat([(original!.Select(Shared(original, labelled)), originalName), (recent.Select(Shared(original, labelled)), "the recent labelled rows")])
            : recent;

        var description = policy.Window switch
        {
            DataWindowKind.Sliding => string.Create(CultureInfo.InvariantCulture, $"a sliding window: the {recentCount:N0} labelled rows before the {held:N0} held out"),
            DataWindowKind.Expanding => useOriginal
                ? string.Create(CultureInfo.InvariantCulture, $"an expanding window: the {original!.RowCount:N0} rows of {originalName} and all {recentCount:N0} labelled rows before the {held:N0} held out")
                : string.Create(CultureInfo.InvariantCulture, $"an expanding window: all {recentCount:N0} labelled rows before the {held:N0} held out (no original training data was given)"),
            _ => string.Create(CultureInfo.InvariantCulture, $"the {original!.RowCount:N0} rows of {originalName} and the {recentCount:N0} labelled rows before the {held:N0} held out, each recent row counted {weight} time{(weight == 1 ? "" : "s")} (repeated, as the trainers take no row weights)"),
        };
        return new TrainingWindow(training, evaluation, useOriginal ? original!.RowCount : 0, recentCount, weight, description);
    }

    /// <summary>The columns of the original data that the recent rows also have, in the original's order.</summary>
    private static IEnumerable<string> Shared(Table original, Table recent) =>
        original.Schema.Names.Where(recent.Schema.Contains).ToList();
}

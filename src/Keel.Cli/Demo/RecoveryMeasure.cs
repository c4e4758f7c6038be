using Keel.Learn.Decisions;

namespace Keel.Cli.Demo;

/// <summary>
/// Stage 11, measure the recovery: the served answers before and after the switch, on the calls of each side, with
/// the old champion's answers on the calls after the switch (scored here, as a shadow) for the same calls. Each
/// model decides at its own threshold (the one its training chose for the KPI), and the KPI is the business value
/// of those decisions per 1,000 customers.
/// </summary>
internal sealed record Recovery(
    int BeforeFrom, int SwitchRow, int AfterTo, int OldVersion, int NewVersion,
    double AccuracyBefore, double AccuracyAfter, double OldChampionAccuracyAfter,
    double ProfitBefore, double ProfitAfter, double OldChampionProfitAfter,
    double RocAucBefore, double RocAucAfter, double OldChampionRocAucAfter)
{
    public static Recovery Measure(DemoRun run, BankCalls calls, DecisionValue value, int window)
    {
        var promoted = run.Retrainings.First(r => r.Gate.Passed);
        var switchRow = run.SwitchRow ?? throw new DemoFailedException("the server never answered with the promoted model.");
        var newVersion = promoted.Challenger.Model.Version;
        var oldVersion = run.Traffic.AnsweredBy[switchRow - 1];
        var after = Enumerable.Range(switchRow, calls.Rows - switchRow).Where(r => run.Traffic.AnsweredBy[r] == newVersion).ToArray();
        var before = Enumerable.Range(0, switchRow).Where(r => run.Traffic.AnsweredBy[r] == oldVersion).TakeLast(window).ToArray();
        if (after.Length == 0 || before.Length == 0) throw new DemoFailedException("there were no calls on one side of the switch to measure.");
        var label = calls.Table[BankCalls.Label];
        int[] Labels(int[] rows) => rows.Select(r => label.FormatValue(r) == BankCalls.Positive ? 1 : 0).ToArray();
        var yBefore = Labels(before);
        var yAfter = Labels(after);
        var servedBefore = before.Select(r => run.Traffic.Probability[r]).ToArray();
        var servedAfter = after.Select(r => run.Traffic.Probability[r]).ToArray();
        var old = run.Versions[oldVersion].Bundle.Model.Predict(calls.Table.Take(after)).PositiveProbabilities();
        var oldThreshold = run.Versions[oldVersion].Bundle.Model.Threshold;
        var newThreshold = run.Versions[newVersion].Bundle.Model.Threshold;
        return new Recovery(before[0], switchRow, after[^1] + 1, oldVersion, newVersion,
            Accuracy(servedBefore, yBefore, oldThreshold), Accuracy(servedAfter, yAfter, newThreshold), Accuracy(old, yAfter, oldThreshold),
            PerThousand(value, servedBefore, yBefore, oldThreshold), PerThousand(value, servedAfter, yAfter, newThreshold),
            PerThousand(value, old, yAfter, oldThreshold),
            RocAuc(yBefore, servedBefore), RocAuc(yAfter, servedAfter), RocAuc(yAfter, old));
    }

    /// <summary>How well the probabilities rank subscribers above the others, whatever the threshold (NaN with one class only).</summary>
    public static double RocAuc(int[] y, double[] p) => y.Distinct().Count() < 2 ? double.NaN : Keel.Learn.Metrics.BinaryMetrics.RocAuc(y, p);

    /// <summary>The share of decisions "subscribes when p ≥ threshold" that were right.</summary>
    public static double Accuracy(double[] p, int[] y, double threshold)
    {
        var c = BinaryConfusion.At(p, y, threshold);
        return c.Rows > 0 ? (c.TruePositives + c.TrueNegatives) / c.Rows : double.NaN;
    }

    /// <summary>The KPI of calling the customers with p ≥ threshold, per 1,000 customers.</summary>
    public static double PerThousand(DecisionValue value, double[] p, int[] y, double threshold) =>
        1000 * value.PerDecision(BinaryConfusion.At(p, y, threshold));
}

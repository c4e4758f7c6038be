namespace Keel.Cli.Demo;

/// <summary>
/// Stage 11, measure the recovery: the served answers before and after the switch, on the calls of each side, with
/// the old champion's answers on the calls after the switch (scored here, as a shadow) for the same calls.
/// </summary>
internal sealed record Recovery(
    int BeforeFrom, int SwitchRow, int AfterTo, int OldVersion, int NewVersion,
    double AccuracyBefore, double AccuracyAfter, double OldChampionAccuracyAfter,
    double ProfitBefore, double ProfitAfter, double OldChampionProfitAfter)
{
    public static Recovery Measure(DemoRun run, BankCalls calls, DecisionKpi kpi, int window)
    {
        var promoted = run.Retrainings.First(r => r.Gate.Passed);
        var switchRow = run.SwitchRow ?? throw new DemoFailedException("the server never answered with the promoted model.");
        var newVersion = promoted.Challenger.Model.Version;
        var oldVersion = run.Traffic.AnsweredBy[switchRow - 1];
        var after = Enumerable.Range(switchRow, calls.Rows - switchRow).Where(r => run.Traffic.AnsweredBy[r] == newVersion).ToArray();
        var before = Enumerable.Range(0, switchRow).Where(r => run.Traffic.AnsweredBy[r] == oldVersion).TakeLast(window).ToArray();
        if (after.Length == 0 || before.Length == 0) throw new DemoFailedException("there were no calls on one side of the switch to measure.");
        var label = calls.Table[BankCalls.Label];
        bool Yes(int r) => label.FormatValue(r) == BankCalls.Positive;
        double Accuracy(int[] rows, IReadOnlyList<double> p, double threshold) => rows.Select((r, i) => (p[i] >= threshold) == Yes(r) ? 1.0 : 0).Average();
        var servedBefore = before.Select(r => run.Traffic.Probability[r]).ToArray();
        var servedAfter = after.Select(r => run.Traffic.Probability[r]).ToArray();
        var old = run.Versions[oldVersion].Bundle.Model.Predict(calls.Table.Take(after)).PositiveProbabilities();
        var threshold = run.Versions[newVersion].Bundle.Model.Threshold;
        return new Recovery(before[0], switchRow, after[^1] + 1, oldVersion, newVersion,
            Accuracy(before, servedBefore, run.Versions[oldVersion].Bundle.Model.Threshold), Accuracy(after, servedAfter, threshold),
            Accuracy(after, old, run.Versions[oldVersion].Bundle.Model.Threshold),
            kpi.ProfitPerThousand(servedBefore, before.Select(Yes).ToArray()), kpi.ProfitPerThousand(servedAfter, after.Select(Yes).ToArray()),
            kpi.ProfitPerThousand(old, after.Select(Yes).ToArray()));
    }
}

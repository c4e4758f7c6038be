using Keel.Learn.Decisions;
using Keel.Lifecycle.Retraining;

namespace Keel.Cli.Demo;

/// <summary>
/// Stage 8, evaluate: the champion and the challenger on the challenger's held-out share of the recent window, with
/// Keel's <see cref="ChallengerComparison"/> on ROC AUC (how well each ranks the customers, whatever threshold each
/// calls from): both values and the gain with a 95 % paired-bootstrap interval. Each model's accuracy and KPI at its
/// own threshold are there to read, not to decide.
/// </summary>
internal sealed record Comparison(ComparisonResult RocAuc, double ChampionAccuracy, double ChallengerAccuracy, double ChampionProfit, double ChallengerProfit)
{
    public int Calls => RocAuc.Rows;

    public double ChampionRocAuc => RocAuc.Champion.Value;

    public double ChallengerRocAuc => RocAuc.Challenger.Value;

    public double Gain => RocAuc.Improvement.Value;

    public double GainLower => RocAuc.Improvement.Lower;

    public double GainUpper => RocAuc.Improvement.Upper;

    /// <summary>Whether the challenger is better beyond the interval: the whole interval of the gain is above <paramref name="margin"/>.</summary>
    public bool Better(double margin) => GainLower > margin;

    public static Comparison Of(DemoModel champion, Challenger challenger, DecisionValue value, int resamples, int seed)
    {
        var test = challenger.Test;
        var result = ChallengerComparison.Compare(champion.Bundle.Model, challenger.Model.Bundle.Model, test,
            new ChallengerSettings { Metric = "roc_auc", Margin = 0, Resamples = resamples, Seed = seed }, "recent calls neither model saw");
        var label = test[BankCalls.Label];
        var y = Enumerable.Range(0, test.RowCount).Select(r => label.FormatValue(r) == BankCalls.Positive ? 1 : 0).ToArray();
        var pOld = champion.Bundle.Model.Predict(test).PositiveProbabilities();
        var pNew = challenger.Model.Bundle.Model.Predict(test).PositiveProbabilities();
        double oldThreshold = champion.Bundle.Model.Threshold, newThreshold = challenger.Model.Bundle.Model.Threshold;
        return new Comparison(result, Recovery.Accuracy(pOld, y, oldThreshold), Recovery.Accuracy(pNew, y, newThreshold),
            Recovery.PerThousand(value, pOld, y, oldThreshold), Recovery.PerThousand(value, pNew, y, newThreshold));
    }
}

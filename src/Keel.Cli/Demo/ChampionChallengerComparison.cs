using Keel.Learn.Metrics;

namespace Keel.Cli.Demo;

/// <summary>
/// Both models on the same recent labelled calls the challenger never saw: accuracy, ROC AUC and the KPI of each, and
/// the challenger's gain in ROC AUC with a 95 % paired-bootstrap interval. ROC AUC judges how well a model ranks the
/// customers, whatever threshold each model calls from (each has its own, chosen for the KPI).
/// </summary>
internal sealed record Comparison(
    int Calls, double ChampionAccuracy, double ChallengerAccuracy, double Gain, double GainLower, double GainUpper,
    double ChampionRocAuc, double ChallengerRocAuc, double ChampionProfit, double ChallengerProfit)
{
    /// <summary>Whether the challenger is better beyond the interval: the whole interval of the gain is above <paramref name="margin"/>.</summary>
    public bool Better(double margin) => GainLower > margin;
}

/// <summary>
/// Stage 8, evaluate: the champion and the challenger on the challenger's held-out share of the recent window.
/// The interval resamples the calls with replacement (seeded) and recomputes the difference in ROC AUC on each
/// resample, so both models are judged on the same calls every time.
/// </summary>
internal static class ChampionChallengerComparison
{
    public static Comparison Run(DemoModel champion, Challenger challenger, Keel.Learn.Decisions.DecisionValue value, int resamples, int seed)
    {
        var test = challenger.Test;
        var label = test[BankCalls.Label];
        var y = Enumerable.Range(0, test.RowCount).Select(r => label.FormatValue(r) == BankCalls.Positive ? 1 : 0).ToArray();
        var pOld = champion.Bundle.Model.Predict(test).PositiveProbabilities();
        var pNew = challenger.Model.Bundle.Model.Predict(test).PositiveProbabilities();
        var random = new Random(seed);
        var gains = new List<double>(resamples);
        var ys = new int[y.Length];
        var a = new double[y.Length];
        var b = new double[y.Length];
        for (var s = 0; s < resamples; s++)
        {
            for (var i = 0; i < y.Length; i++)
            {
                var r = random.Next(y.Length);
                ys[i] = y[r];
                a[i] = pOld[r];
                b[i] = pNew[r];
            }
            if (ys.Contains(0) && ys.Contains(1)) gains.Add(BinaryMetrics.RocAuc(ys, b) - BinaryMetrics.RocAuc(ys, a));
        }
        var sorted = gains.Order().ToArray();
        var aucOld = BinaryMetrics.RocAuc(y, pOld);
        var aucNew = BinaryMetrics.RocAuc(y, pNew);
        return new Comparison(y.Length,
            Recovery.Accuracy(pOld, y, champion.Bundle.Model.Threshold), Recovery.Accuracy(pNew, y, challenger.Model.Bundle.Model.Threshold),
            aucNew - aucOld, Quantile(sorted, 0.025), Quantile(sorted, 0.975), aucOld, aucNew,
            Recovery.PerThousand(value, pOld, y, champion.Bundle.Model.Threshold), Recovery.PerThousand(value, pNew, y, challenger.Model.Bundle.Model.Threshold));
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}

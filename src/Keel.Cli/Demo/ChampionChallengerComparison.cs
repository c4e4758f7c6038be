using Keel.Learn.Metrics;

namespace Keel.Cli.Demo;

/// <summary>
/// Both models on the same recent labelled calls the challenger never saw: accuracy, ROC AUC and the KPI of each, and
/// the challenger's gain in accuracy with a 95 % paired-bootstrap interval.
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
/// The interval resamples the calls with replacement (seeded) and recomputes the difference in accuracy on each
/// resample, so both models are judged on the same calls every time.
/// </summary>
internal static class ChampionChallengerComparison
{
    public static Comparison Run(DemoModel champion, Challenger challenger, DecisionKpi kpi, int resamples, int seed)
    {
        var test = challenger.Test;
        var label = test[BankCalls.Label];
        var y = Enumerable.Range(0, test.RowCount).Select(r => label.FormatValue(r) == BankCalls.Positive ? 1 : 0).ToArray();
        var pOld = champion.Bundle.Model.Predict(test).PositiveProbabilities();
        var pNew = challenger.Model.Bundle.Model.Predict(test).PositiveProbabilities();
        var rightOld = Right(pOld, y, champion.Bundle.Model.Threshold);
        var rightNew = Right(pNew, y, challenger.Model.Bundle.Model.Threshold);
        var random = new Random(seed);
        var gains = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            var sum = 0;
            for (var i = 0; i < y.Length; i++)
            {
                var r = random.Next(y.Length);
                sum += rightNew[r] - rightOld[r];
            }
            gains[b] = (double)sum / y.Length;
        }
        Array.Sort(gains);
        var subscribed = y.Select(v => v == 1).ToArray();
        return new Comparison(y.Length, rightOld.Average(), rightNew.Average(), rightNew.Average() - rightOld.Average(),
            Quantile(gains, 0.025), Quantile(gains, 0.975),
            BinaryMetrics.RocAuc(y, pOld), BinaryMetrics.RocAuc(y, pNew),
            kpi.ProfitPerThousand(pOld, subscribed), kpi.ProfitPerThousand(pNew, subscribed));
    }

    private static int[] Right(double[] p, int[] y, double threshold) => p.Select((v, i) => (v >= threshold ? 1 : 0) == y[i] ? 1 : 0).ToArray();

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}

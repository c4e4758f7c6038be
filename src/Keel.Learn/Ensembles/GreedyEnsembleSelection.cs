namespace Keel.Learn.Ensembles;

/// <summary>
/// Ensemble selection (Caruana, Niculescu-Mizil, Crew and Ksikes, "Ensemble selection from libraries of models",
/// ICML 2004): start from the empty ensemble and, for a fixed number of steps, add — with replacement — the candidate
/// whose addition makes the averaged out-of-fold outputs score best; keep the best ensemble seen along the way. A
/// member's weight is the number of times it was added over the kept ensemble's size. Ties go to the earlier candidate.
/// </summary>
/// <example>
/// <code>
/// var weights = GreedyEnsembleSelection.Select(candidates.Select(c => c.OutOfFold).ToList(), data);
/// </code>
/// </example>
public static class GreedyEnsembleSelection
{
    /// <summary>The number of additions. The default value is 25.</summary>
    public const int DefaultSteps = 25;

    /// <summary>The weight of each candidate (summing to 1) and the kept ensemble's score.</summary>
    public static (double[] Weights, double Score) Select(IReadOnlyList<double[]> outOfFold, EnsembleData data, int steps = DefaultSteps)
    {
        if (outOfFold.Count == 0) throw new KeelLearnException("Ensemble selection needs at least one candidate.");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), "Ensemble selection needs at least one step.");
        var length = outOfFold[0].Length;
        if (outOfFold.Any(o => o.Length != length)) throw new ArgumentException("Every candidate needs outputs for the same rows.", nameof(outOfFold));
        var sum = new double[length];
        var trial = new double[length];
        var counts = new int[outOfFold.Count];
        var bestCounts = counts;
        var bestScore = double.NaN;
        for (var step = 1; step <= steps; step++)
        {
            var chosen = -1;
            var chosenScore = double.NaN;
            for (var c = 0; c < outOfFold.Count; c++)
            {
                var o = outOfFold[c];
                for (var i = 0; i < length; i++) trial[i] = (sum[i] + o[i]) / step;
                var score = data.Score(trial);
                if (chosen < 0 || data.Better(score, chosenScore)) (chosen, chosenScore) = (c, score);
            }
            counts[chosen]++;
            var add = outOfFold[chosen];
            for (var i = 0; i < length; i++) sum[i] += add[i];
            if (double.IsNaN(bestScore) || data.Better(chosenScore, bestScore))
            {
                bestScore = chosenScore;
                bestCounts = (int[])counts.Clone();
            }
        }
        var total = bestCounts.Sum();
        return (bestCounts.Select(c => (double)c / total).ToArray(), bestScore);
    }
}

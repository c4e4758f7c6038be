using Keel.Data;
using Keel.Learn.Models;

namespace Keel.Learn.Evaluation;

/// <summary>The importance of one input column: the mean drop of the score when its values are shuffled.</summary>
public sealed record ColumnImportance(string Column, double Mean, double Std);

/// <summary>
/// Permutation importance (Breiman 2001; scikit-learn's <c>permutation_importance</c>): for each input column, the
/// score on the given rows minus the score after shuffling that column, averaged over repeats. Larger is more
/// important; for metrics where lower is better the sign is turned so that a drop in quality is positive.
/// </summary>
public static class PermutationImportance
{
    public static IReadOnlyList<ColumnImportance> Compute(Model model, Table data, string? metric = null, int repeats = 5, int seed = 42)
    {
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), repeats, "repeats must be at least 1.");
        metric ??= MetricNames.DefaultFor(model.Target.Task);
        var sign = MetricNames.HigherIsBetter(metric) ? 1 : -1;
        var baseline = Evaluator.Evaluate(model, data, resamples: 0)[metric];
        var random = new Random(seed);
        var result = new List<ColumnImportance>();
        foreach (var column in model.Features.InputColumns)
        {
            var drops = new double[repeats];
            for (var r = 0; r < repeats; r++)
            {
                var order = Enumerable.Range(0, data.RowCount).ToArray();
                random.Shuffle(order);
                var shuffled = data.WithColumn(data[column].Take(order));
                drops[r] = sign * (baseline - Evaluator.Evaluate(model, shuffled, resamples: 0)[metric]);
            }
            var mean = drops.Average();
            var std = Math.Sqrt(drops.Sum(d => (d - mean) * (d - mean)) / repeats);
            result.Add(new ColumnImportance(column, mean, std));
        }
        return result.OrderByDescending(c => c.Mean).ToArray();
    }
}

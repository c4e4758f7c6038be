using Keel.Learn.Evaluation;
using Keel.Learn.Models;

namespace Keel.Learn.Ensembles;

/// <summary>Scores members' outputs (probabilities or values) with Keel's evaluator, as a model's predictions would be.</summary>
internal static class OutputScoring
{
    public static double Score(Target target, string metric, ReadOnlySpan<double> outputs, float[] labels)
    {
        var rows = labels.Length;
        var y = labels.Select(v => (double)v).ToArray();
        Predictions predictions;
        switch (target.Task)
        {
            case TaskKind.Regression:
            {
                var values = outputs[..rows].ToArray();
                predictions = new Predictions(TaskKind.Regression, rows, [], values, null, values, null);
                break;
            }
            case TaskKind.Binary:
            {
                var probabilities = new double[rows * 2];
                var predicted = new string[rows];
                for (var i = 0; i < rows; i++)
                {
                    probabilities[2 * i] = 1 - outputs[i];
                    probabilities[2 * i + 1] = outputs[i];
                    predicted[i] = target.Classes[outputs[i] >= 0.5 ? 1 : 0];
                }
                predictions = new Predictions(TaskKind.Binary, rows, target.Classes, outputs[..rows].ToArray(), probabilities, null, predicted);
                break;
            }
            default:
            {
                var k = target.Classes.Count;
                var probabilities = outputs[..(rows * k)].ToArray();
                var predicted = new string[rows];
                for (var i = 0; i < rows; i++)
                {
                    var best = 0;
                    for (var c = 1; c < k; c++) if (probabilities[i * k + c] > probabilities[i * k + best]) best = c;
                    predicted[i] = target.Classes[best];
                }
                predictions = new Predictions(TaskKind.Multiclass, rows, target.Classes, probabilities, probabilities, null, predicted);
                break;
            }
        }
        // The point metrics only: selection scores hundreds of candidate averages, and needs no curves or intervals.
        var score = Evaluator.Compute(target, y, predictions, Enumerable.Range(0, rows).ToArray(), threshold: 0.5).GetValueOrDefault(metric, double.NaN);
        if (!double.IsFinite(score)) throw new KeelLearnException($"The {metric} of an ensemble member is {score}; the rows may hold a single class.");
        return score;
    }
}

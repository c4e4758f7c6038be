using Keel.Data;
using Keel.Learn;
using Keel.Learn.Models;
using Keel.Learn.Models.Decisions;

namespace Keel.Fairness.Mitigation;

/// <summary>What the threshold optimizer chose.</summary>
/// <param name="Model">The base model with the per-group rules as its post-processor; an ordinary model to save and serve.</param>
/// <param name="Thresholds">The rule of every group.</param>
/// <param name="Objective">The objective's value on the fitting data at the chosen point.</param>
/// <param name="X">The chosen value of the constrained rate (selection rate, true positive rate, or false positive rate).</param>
public sealed record ThresholdOptimizerResult(Model Model, GroupThresholds Thresholds, double Objective, double X);

/// <summary>
/// Post-processing for fairness (Hardt, Price and Srebro 2016, "Equality of Opportunity in Supervised Learning"),
/// as Fairlearn's <c>ThresholdOptimizer</c> does it: for each group, every threshold of the base model's P(positive)
/// gives a point (constrained rate, objective); the upper convex hull of those points, interpolated on a grid, is what a
/// randomized mix of two thresholds reaches. Demographic parity and equal opportunity pick the grid point that
/// maximizes the group-weighted objective (the same rate in every group); equalized odds works on the groups' ROC hulls,
/// takes their lowest true positive rate at each false positive rate, and lets a group mix in a constant answer to
/// come down to it. Decisions are randomized per row (<see cref="RandomizedDecision"/>).
/// </summary>
/// <example>
/// <code>
/// var fair = ThresholdOptimizer.Fit(model, train, "sex", new ThresholdOptimizerOptions { Constraint = MitigationConstraint.EqualizedOdds });
/// var decisions = fair.Model.Predict(test).Labels;   // test must carry the "sex" column
/// </code>
/// </example>
public static class ThresholdOptimizer
{
    /// <summary>Post-processes a fitted binary model on labelled data (Fairlearn's <c>prefit=True</c>).</summary>
    public static ThresholdOptimizerResult Fit(Model model, Table data, string sensitiveColumn, ThresholdOptimizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new ThresholdOptimizerOptions();
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new KeelLearnException($"Threshold optimizer options: {string.Join(" ", problems)}");
        if (model.PostProcessor is not null)
            throw new KeelLearnException("The model is already post-processed per group; start from its base model.");
        if (model.Randomization is not null)
            throw new KeelLearnException("The model is a randomized classifier; the threshold optimizer needs a scoring model.");
        var groups = SensitiveGroups.Of(data, model.Target, sensitiveColumn);
        var scores = model.Predict(data.Take(groups.Rows)).PositiveProbabilities();
        var (thresholds, objective, x) = FitScores(scores, groups.Labels, groups.Codes, groups.Names, sensitiveColumn, options);
        var fitted = model with
        {
            PostProcessor = thresholds,
            Randomization = new RandomizedDecision(options.Seed),
            Trainer = $"ThresholdOptimizer({model.Trainer})",
        };
        return new ThresholdOptimizerResult(fitted, thresholds, objective, x);
    }

    /// <summary>The per-group rules from scores, 0/1 labels and group codes.</summary>
    internal static (GroupThresholds Thresholds, double Objective, double X) FitScores(double[] scores, int[] labels, int[] groups, IReadOnlyList<string> names, string sensitiveColumn, ThresholdOptimizerOptions options)
    {
        var objective = options.Objective == ThresholdObjective.Accuracy ? "accuracy_score" : "balanced_accuracy_score";
        var grid = TradeoffCurve.Grid(options.GridSize);
        var n = scores.Length;
        var curves = new InterpolatedPoint[names.Count][];
        var shares = new double[names.Count];
        for (var g = 0; g < names.Count; g++)
        {
            var rows = Enumerable.Range(0, n).Where(i => groups[i] == g).ToArray();
            shares[g] = (double)rows.Length / n;
            var (xMetric, yMetric) = options.Constraint switch
            {
                MitigationConstraint.DemographicParity => ("selection_rate", objective),
                MitigationConstraint.EqualOpportunity => ("true_positive_rate", objective),
                _ => ("false_positive_rate", "true_positive_rate"),
            };
            var points = TradeoffCurve.Points(rows.Select(i => scores[i]).ToArray(), rows.Select(i => labels[i]).ToArray(), names[g], options.Flip, xMetric, yMetric);
            curves[g] = TradeoffCurve.Interpolate(TradeoffCurve.ConvexHull(points), grid);
        }
        return options.Constraint == MitigationConstraint.EqualizedOdds
            ? EqualizedOdds(curves, labels, grid, names, sensitiveColumn, objective)
            : Simple(curves, shares, grid, names, sensitiveColumn);
    }

    private static (GroupThresholds, double, double) Simple(InterpolatedPoint[][] curves, double[] shares, double[] grid, IReadOnlyList<string> names, string column)
    {
        var best = 0;
        var bestValue = double.NegativeInfinity;
        for (var k = 0; k < grid.Length; k++)
        {
            double value = 0;
            for (var g = 0; g < curves.Length; g++) value += shares[g] * curves[g][k].Y;
            if (value > bestValue) { bestValue = value; best = k; }
        }
        var rules = names.Select((name, g) =>
        {
            var p = curves[g][best];
            return new GroupThreshold(name, p.P0, p.Operation0, p.P1, p.Operation1);
        }).ToArray();
        return (new GroupThresholds(column, rules), bestValue, grid[best]);
    }

    private static (GroupThresholds, double, double) EqualizedOdds(InterpolatedPoint[][] curves, int[] labels, double[] grid, IReadOnlyList<string> names, string column, string objective)
    {
        double positives = labels.Count(y => y == 1);
        double negatives = labels.Length - positives;
        var best = 0;
        var bestValue = double.NegativeInfinity;
        var yMin = new double[grid.Length];
        for (var k = 0; k < grid.Length; k++)
        {
            yMin[k] = curves.Min(c => c[k].Y);
            var counts = new TradeoffCurve.Counts(positives * yMin[k], negatives * grid[k], negatives * (1 - grid[k]), positives * (1 - yMin[k]));
            var value = Math.Round(counts.Metric(objective), 15);
            if (value > bestValue) { bestValue = value; best = k; }
        }
        var xBest = grid[best];
        var yBest = yMin[best];
        var rules = names.Select((name, g) =>
        {
            var p = curves[g][best];
            var ignore = p.Y == p.X ? 0 : (p.Y - yBest) / (p.Y - p.X);
            return new GroupThreshold(name, p.P0, p.Operation0, p.P1, p.Operation1, ignore, xBest);
        }).ToArray();
        return (new GroupThresholds(column, rules), bestValue, xBest);
    }
}

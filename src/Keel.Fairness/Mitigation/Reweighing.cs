using Keel.Data;
using Keel.Learn;

namespace Keel.Fairness.Mitigation;

/// <summary>The weight of every row of one (group, class) cell.</summary>
/// <param name="Group">The sensitive group.</param>
/// <param name="Class">The label class.</param>
/// <param name="Rows">Rows in the cell.</param>
/// <param name="Weight">P(group) · P(class) / P(group, class), the probabilities weighted by any sample weights.</param>
public sealed record ReweighingFactor(string Group, string Class, int Rows, double Weight);

/// <summary>Row weights that make the label independent of the group in the weighted data.</summary>
/// <param name="Weights">One weight per row of the table (0 for rows without a label), for <c>TrainingContext.Weights</c>.</param>
/// <param name="Factors">The weight of each (group, class) cell present, groups and classes in order.</param>
public sealed record ReweighingResult(IReadOnlyList<double> Weights, IReadOnlyList<ReweighingFactor> Factors);

/// <summary>
/// Pre-processing for fairness: reweighing (Kamiran and Calders 2012, "Data preprocessing techniques for
/// classification without discrimination", §4.2), as AIF360's <c>Reweighing</c> computes it. Each row of group g and
/// class y gets w(g, y) = P(g) · P(y) / P(g, y), so that in the weighted data the label is independent of the group:
/// every group has the same weighted rate of each class, and the total weight is unchanged. Any trainer that takes row
/// weights learns from it.
/// </summary>
/// <example>
/// <code>
/// var target = Target.Detect(train, "income");
/// var weights = Reweighing.Fit(train, target, "sex").Weights;
/// var model = new LightGbmTrainer().Fit(train, target, new TrainingContext { Weights = weights });
/// </code>
/// </example>
public static class Reweighing
{
    /// <summary>
    /// The weights of the labelled rows of <paramref name="table"/> by the groups of <paramref name="sensitiveColumn"/>;
    /// <paramref name="sampleWeights"/>, when given, are the rows' prior weights (AIF360's instance weights), multiplied in.
    /// </summary>
    public static ReweighingResult Fit(Table table, Target target, string sensitiveColumn, IReadOnlyList<double>? sampleWeights = null)
    {
        var groups = SensitiveGroups.Of(table, target, sensitiveColumn);
        if (sampleWeights is not null && sampleWeights.Count != table.RowCount)
            throw new KeelLearnException($"There are {sampleWeights.Count} sample weights for {table.RowCount} rows.");
        double Prior(int i) => sampleWeights is null ? 1 : sampleWeights[groups.Rows[i]];
        var g = groups.Names.Length;
        var cell = new double[g, 2];
        var counts = new int[g, 2];
        double total = 0;
        for (var i = 0; i < groups.Count; i++)
        {
            var w = Prior(i);
            if (!(w >= 0) || double.IsInfinity(w))
                throw new KeelLearnException($"Sample weight of row {groups.Rows[i]} is {w}; weights must be finite and at least 0.");
            cell[groups.Codes[i], groups.Labels[i]] += w;
            counts[groups.Codes[i], groups.Labels[i]]++;
            total += w;
        }
        if (!(total > 0)) throw new KeelLearnException("The sample weights add up to 0.");
        var factor = new double[g, 2];
        var factors = new List<ReweighingFactor>();
        for (var a = 0; a < g; a++)
            for (var y = 0; y < 2; y++)
            {
                if (counts[a, y] == 0) continue;
                var group = cell[a, 0] + cell[a, 1];
                var label = 0.0;
                for (var b = 0; b < g; b++) label += cell[b, y];
                factor[a, y] = cell[a, y] > 0 ? group * label / (total * cell[a, y]) : 0;
                factors.Add(new ReweighingFactor(groups.Names[a], target.Classes[y], counts[a, y], factor[a, y]));
            }
        var weights = new double[table.RowCount];
        for (var i = 0; i < groups.Count; i++) weights[groups.Rows[i]] = Prior(i) * factor[groups.Codes[i], groups.Labels[i]];
        return new ReweighingResult(weights, factors);
    }
}

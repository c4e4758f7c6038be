using Keel.Data;
using Keel.Learn;
using Keel.Learn.Featurization;
using Keel.Learn.Models;

namespace Keel.Explain;

/// <summary>
/// A partial dependence result: the grid of each column, the average prediction at every grid point (PD) and, for
/// 1-D results, every row's own curve (ICE). Predictions are the positive class's probability for binary
/// classifiers, each class's probability for multiclass (<see cref="Outputs"/> values per point) and the value for
/// regression, as scikit-learn's <c>partial_dependence(kind="both")</c> reports them.
/// </summary>
public sealed record PartialDependenceResult(
    IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Grid, int Outputs, double[] Average, double[]? Individual, int Rows)
{
    /// <summary>PD at grid point <paramref name="point"/> (row-major over the columns' grids) for an output.</summary>
    public double At(int point, int output = 0) => Average[point * Outputs + output];

    /// <summary>ICE: row <paramref name="row"/>'s prediction at grid point <paramref name="point"/> (1-D results).</summary>
    public double Ice(int row, int point, int output = 0) =>
        (Individual ?? throw new InvalidOperationException("ICE curves are kept for 1-D partial dependence only."))[((long)row * Grid[0].Count + point) * Outputs + output];
}

/// <summary>
/// Partial dependence and ICE curves (Friedman 2001; Goldstein et al. 2015) by brute force, as scikit-learn's
/// <c>method="brute"</c>: each grid value replaces the column in every row, and the model predicts them all. The grid
/// of a numeric column is scikit-learn's: its sorted distinct values when there are fewer than the resolution, else
/// evenly spaced points between the 5th and 95th percentiles (scipy's mquantiles, alphap = betap = 0.4); a
/// categorical column's grid is its categories seen in the data.
/// </summary>
/// <example>
/// <code>
/// var pd = PartialDependence.Compute(model, data, ["tenure"]);
/// double atFirst = pd.At(0);    // the mean P(churn) if every customer had the first grid tenure
/// </code>
/// </example>
public static class PartialDependence
{
    public static PartialDependenceResult Compute(Model model, Table data, IReadOnlyList<string> columns, int gridResolution = 100, double lowPercentile = 0.05, double highPercentile = 0.95)
    {
        if (columns.Count is < 1 or > 2) throw new KeelLearnException("Partial dependence takes one column or two.");
        if (gridResolution < 2) throw new KeelLearnException($"The grid resolution must be at least 2; it is {gridResolution}.");
        if (data.RowCount == 0) throw new KeelLearnException("Partial dependence needs rows to average over.");
        var writer = new FeatureWriter(model.Features);
        var encodings = columns.Select(c => IndexOf(model.Features, c)).ToArray();
        var grids = columns.Select(c => Grid(data[c], gridResolution, lowPercentile, highPercentile)).ToArray();
        var baseFeatures = model.Features.Transform(data);
        var width = baseFeatures.Columns;
        var (rows, outputs) = (data.RowCount, OutputCount(model));
        var points = grids.Aggregate(1, (n, g) => n * g.Count);
        var average = new double[points * outputs];
        var individual = columns.Count == 1 ? new double[(long)rows * points * outputs] : null;
        var offsets = encodings.Select(e => Offset(model.Features, e)).ToArray();
        var sizes = encodings.Select(e => model.Features.Encodings[e].FeatureNames.Count).ToArray();
        Parallel.For(0, points, point =>
        {
            var values = (float[])baseFeatures.Values.Clone();
            var rest = point;
            for (var c = columns.Count - 1; c >= 0; c--)
            {
                var value = grids[c][rest % grids[c].Count];
                rest /= grids[c].Count;
                for (var r = 0; r < rows; r++)
                {
                    var row = values.AsSpan(r * width, width);
                    row.Slice(offsets[c], sizes[c]).Clear();
                    if (writer.IsNumeric(encodings[c])) writer.WriteNumber(encodings[c], double.Parse(value, System.Globalization.CultureInfo.InvariantCulture), row);
                    else writer.WriteCategory(encodings[c], value, row);
                }
            }
            var predictions = model.Predict(new FeatureMatrix(values, rows, baseFeatures.Names));
            for (var r = 0; r < rows; r++)
                for (var k = 0; k < outputs; k++)
                {
                    var p = Output(predictions, r, k);
                    average[point * outputs + k] += p / rows;
                    if (individual is not null) individual[((long)r * points + point) * outputs + k] = p;
                }
        });
        return new PartialDependenceResult(columns, grids, outputs, average, individual, rows);
    }

    /// <summary>scikit-learn's grid for a column, as text (numbers in round-trip form).</summary>
    public static IReadOnlyList<string> Grid(Column column, int resolution, double low = 0.05, double high = 0.95)
    {
        if (column is CategoricalColumn c)
            return c.Codes.ToArray().Where(code => code >= 0).Distinct().Select(code => c.Categories[code]).Order(StringComparer.Ordinal).ToArray();
        var values = column switch
        {
            NumericColumn n => n.Values.ToArray().Where(v => !double.IsNaN(v)).ToArray(),
            _ => Enumerable.Range(0, column.Length).Select(i => column.FormatValue(i)).OfType<string>()
                .Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        };
        if (values.Length == 0) throw new KeelLearnException($"Column '{column.Name}' has no values to build a grid from.");
        Array.Sort(values);
        var distinct = values.Distinct().ToArray();
        var grid = distinct.Length < resolution
            ? distinct
            : Linspace(MQuantile(values, low), MQuantile(values, high), resolution);
        return grid.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>scipy.stats.mstats.mquantiles with alphap = betap = 0.4 (its default) on sorted values.</summary>
    internal static double MQuantile(double[] sorted, double p, double alphap = 0.4, double betap = 0.4)
    {
        var n = sorted.Length;
        var m = alphap + p * (1 - alphap - betap);
        var aleph = n * p + m;
        var k = (int)Math.Floor(Math.Clamp(aleph, 1, n - 1));
        var gamma = Math.Clamp(aleph - k, 0, 1);
        return (1 - gamma) * sorted[k - 1] + gamma * sorted[Math.Min(k, n - 1)];
    }

    /// <summary>numpy.linspace with the endpoint.</summary>
    private static double[] Linspace(double from, double to, int count)
    {
        var step = (to - from) / (count - 1);
        var result = new double[count];
        for (var i = 0; i < count; i++) result[i] = from + i * step;
        result[^1] = to;
        return result;
    }

    private static int IndexOf(FeaturePlan plan, string column)
    {
        for (var e = 0; e < plan.Encodings.Count; e++) if (plan.Encodings[e].Column == column) return e;
        throw new KeelLearnException($"The model does not read column '{column}'; it reads {string.Join(", ", plan.InputColumns)}.");
    }

    private static int Offset(FeaturePlan plan, int encoding) => plan.Encodings.Take(encoding).Sum(e => e.FeatureNames.Count);

    private static int OutputCount(Model model) => model.Target.Task == TaskKind.Multiclass ? model.Target.Classes.Count : 1;

    private static double Output(Predictions p, int row, int k) => p.Task switch
    {
        TaskKind.Binary => p.Probability(row, 1),
        TaskKind.Multiclass => p.Probability(row, k),
        _ => p.Values![row],
    };
}

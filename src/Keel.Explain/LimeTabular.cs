using System.Globalization;
using Keel.Data;
using Keel.Learn;
using Keel.Learn.Models;

namespace Keel.Explain;

/// <summary>Options of <see cref="LimeTabular"/>, with LIME's defaults written down.</summary>
public sealed record LimeOptions
{
    /// <summary>Perturbed samples per explanation, the instance included. The default value is 5000.</summary>
    public int Samples { get; init; } = 5000;

    /// <summary>The kernel width; null means LIME's 0.75 · √(columns).</summary>
    public double? KernelWidth { get; init; }

    /// <summary>The ridge surrogate's penalty. The default value is 1 (scikit-learn's Ridge default, as LIME uses it).</summary>
    public double Alpha { get; init; } = 1;

    /// <summary>Seed of the sampling: the same seed gives the same explanation. The default value is 0.</summary>
    public int Seed { get; init; }
}

/// <summary>One term of a LIME explanation: a condition on a column that the instance meets, and its weight.</summary>
public sealed record LimeTerm(string Column, string Condition, double Weight);

/// <summary>
/// A LIME explanation of one row: the surrogate's terms (largest |weight| first), intercept, its prediction for the
/// instance, the model's, and the surrogate's weighted R² on the samples (how far to trust it).
/// </summary>
public sealed record LimeExplanation(IReadOnlyList<LimeTerm> Terms, double Intercept, double LocalPrediction, double ModelPrediction, double Score);

/// <summary>
/// LIME for tabular data (Ribeiro, Singh and Guestrin 2016, "Why Should I Trust You?"), with lime_tabular's defaults:
/// numeric columns discretized at the training quartiles, each perturbed sample drawing every column's bin (or
/// category) with its training frequency and a numeric value from a normal truncated to the bin (the bin's training
/// mean and deviation); the instance is the first sample. The interpretable features are "the sample is in the
/// instance's bin/category"; samples are weighted by √exp(−d²/w²), d the Euclidean distance between their
/// interpretable features and the instance's, w = 0.75·√M; a ridge regression (α = 1, intercept) fits the model's
/// output (the positive class's probability, a class's probability, or the value). Unlike lime's default, every run
/// is seeded, so an explanation can be reproduced exactly.
/// </summary>
public sealed class LimeTabular
{
    private sealed record Bins(double[] Edges, double[] Mean, double[] Std, double[] Min, double[] Max, double[] Share);

    private readonly Model _model;
    private readonly LimeOptions _options;
    private readonly IReadOnlyList<string> _columns;
    private readonly Bins?[] _numeric;
    private readonly (string[] Values, double[] Share)?[] _categories;

    public LimeTabular(Model model, Table training, LimeOptions? options = null)
    {
        _model = model;
        _options = options ?? new LimeOptions();
        if (_options.Samples < 10) throw new KeelLearnException($"LIME needs at least 10 samples; Samples is {_options.Samples}.");
        _columns = model.Features.InputColumns.ToArray();
        _numeric = new Bins?[_columns.Count];
        _categories = new (string[], double[])?[_columns.Count];
        for (var c = 0; c < _columns.Count; c++)
        {
            var column = training[_columns[c]];
            if (column is NumericColumn n) _numeric[c] = Quartiles(n.Values.ToArray().Where(v => !double.IsNaN(v)).ToArray(), column.Name);
            else
            {
                var counts = Enumerable.Range(0, column.Length).Select(column.FormatValue).OfType<string>()
                    .GroupBy(v => v, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
                var total = counts.Sum(g => g.Count());
                _categories[c] = (counts.Select(g => g.Key).ToArray(), counts.Select(g => g.Count() / (double)total).ToArray());
            }
        }
    }

    /// <summary>
    /// Explains row <paramref name="row"/> of <paramref name="rows"/>: for a classifier, the probability of
    /// <paramref name="outputClass"/> (default: the positive class, or a multiclass model's predicted class).
    /// </summary>
    public LimeExplanation Explain(Table rows, int row, int outputClass = -1)
    {
        var m = _columns.Count;
        var n = _options.Samples;
        var random = new Random(_options.Seed);
        var numbers = new double[m][];
        var texts = new string?[m][];
        var same = new double[n, m];
        var instance = new int[m];
        var conditions = new string[m];
        for (var c = 0; c < m; c++)
        {
            var column = rows[_columns[c]];
            if (_numeric[c] is { } bins)
            {
                var x = column is NumericColumn num ? num.Values[row] : double.NaN;
                instance[c] = double.IsNaN(x) ? 1 : Bin(bins.Edges, x);
                conditions[c] = Condition(_columns[c], bins.Edges, instance[c]);
                numbers[c] = new double[n];
                numbers[c][0] = x;
            }
            else
            {
                var (values, _) = _categories[c]!.Value;
                var v = column.FormatValue(row);
                instance[c] = v is null ? -1 : Array.IndexOf(values, v);
                conditions[c] = $"{_columns[c]} = {v ?? "(missing)"}";
                texts[c] = new string?[n];
                texts[c][0] = v;
            }
            same[0, c] = 1;
        }
        for (var s = 1; s < n; s++)
            for (var c = 0; c < m; c++)
            {
                if (_numeric[c] is { } bins)
                {
                    var b = Draw(bins.Share, random);
                    same[s, c] = b == instance[c] ? 1 : 0;
                    numbers[c][s] = TruncatedNormal(bins.Mean[b], bins.Std[b], bins.Min[b], bins.Max[b], random);
                }
                else
                {
                    var (values, share) = _categories[c]!.Value;
                    var k = Draw(share, random);
                    same[s, c] = k == instance[c] ? 1 : 0;
                    texts[c][s] = values[k];
                }
            }
        var samples = new Table(_columns.Select((name, c) => _numeric[c] is not null
            ? (Column)new NumericColumn(name, numbers[c])
            : CategoricalColumn.FromStrings(name, texts[c])).ToArray());
        var predictions = _model.Predict(samples);
        var y = new double[n];
        var explained = outputClass >= 0 ? outputClass
            : predictions.Task == TaskKind.Binary ? 1
            : predictions.Task == TaskKind.Multiclass ? _model.Target.Classes.ToList().IndexOf(predictions.Labels![0]) // the instance's predicted class
            : 0;
        for (var s = 0; s < n; s++)
            y[s] = predictions.Task is TaskKind.Regression or TaskKind.Anomaly ? predictions.Values![s] : predictions.Probability(s, explained);
        var width = _options.KernelWidth ?? 0.75 * Math.Sqrt(m);
        var weights = new double[n];
        for (var s = 0; s < n; s++)
        {
            double d2 = 0;
            for (var c = 0; c < m; c++) d2 += (1 - same[s, c]) * (1 - same[s, c]);
            weights[s] = Math.Sqrt(Math.Exp(-d2 / (width * width)));
        }
        var (beta, intercept, score) = Ridge(same, y, weights, _options.Alpha);
        var local = intercept + beta.Sum(); // the instance has every interpretable feature at 1
        var terms = Enumerable.Range(0, m).Select(c => new LimeTerm(_columns[c], conditions[c], beta[c]))
            .OrderByDescending(t => Math.Abs(t.Weight)).ThenBy(t => t.Column, StringComparer.Ordinal).ToArray();
        return new LimeExplanation(terms, intercept, local, y[0], score);
    }

    private static Bins Quartiles(double[] values, string name)
    {
        if (values.Length == 0) throw new KeelLearnException($"Column '{name}' has no values in the training data for LIME's quartiles.");
        Array.Sort(values);
        double Q(double p) // numpy's default linear interpolation
        {
            var h = (values.Length - 1) * p;
            var lo = (int)Math.Floor(h);
            return values[lo] + (h - lo) * (values[Math.Min(lo + 1, values.Length - 1)] - values[lo]);
        }
        var edges = new[] { Q(0.25), Q(0.5), Q(0.75) }.Distinct().ToArray();
        var count = edges.Length + 1;
        var (mean, std, min, max, share) = (new double[count], new double[count], new double[count], new double[count], new double[count]);
        for (var b = 0; b < count; b++)
        {
            var inBin = values.Where(v => Bin(edges, v) == b).ToArray();
            share[b] = inBin.Length / (double)values.Length;
            if (inBin.Length == 0) { mean[b] = min[b] = max[b] = b < edges.Length ? edges[b] : edges[^1]; continue; }
            mean[b] = inBin.Average();
            std[b] = Math.Sqrt(inBin.Sum(v => (v - mean[b]) * (v - mean[b])) / inBin.Length);
            min[b] = inBin[0];
            max[b] = inBin[^1];
        }
        return new Bins(edges, mean, std, min, max, share);
    }

    /// <summary>The bin of a value: 0 for x ≤ first edge, ..., the last for x above the last edge.</summary>
    private static int Bin(double[] edges, double x)
    {
        var b = 0;
        while (b < edges.Length && x > edges[b]) b++;
        return b;
    }

    private static string Condition(string column, double[] edges, int bin)
    {
        string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        if (bin == 0) return $"{column} <= {F(edges[0])}";
        if (bin == edges.Length) return $"{column} > {F(edges[^1])}";
        return $"{F(edges[bin - 1])} < {column} <= {F(edges[bin])}";
    }

    private static int Draw(double[] share, Random random)
    {
        var u = random.NextDouble();
        for (var i = 0; i < share.Length; i++)
        {
            u -= share[i];
            if (u < 0) return i;
        }
        return share.Length - 1;
    }

    /// <summary>A normal draw kept within [min, max] (by rejection, then clamped after 100 tries).</summary>
    private static double TruncatedNormal(double mean, double std, double min, double max, Random random)
    {
        if (std <= 0 || min >= max) return mean;
        for (var i = 0; i < 100; i++)
        {
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            var v = mean + std * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            if (v >= min && v <= max) return v;
        }
        return Math.Clamp(mean, min, max);
    }

    /// <summary>scikit-learn's Ridge with sample weights and an intercept: centre by the weighted means, penalise the slopes only.</summary>
    private static (double[] Beta, double Intercept, double Score) Ridge(double[,] x, double[] y, double[] w, double alpha)
    {
        var (n, m) = (x.GetLength(0), x.GetLength(1));
        var sw = w.Sum();
        var xMean = new double[m];
        var yMean = 0.0;
        for (var s = 0; s < n; s++)
        {
            yMean += w[s] * y[s] / sw;
            for (var j = 0; j < m; j++) xMean[j] += w[s] * x[s, j] / sw;
        }
        var a = new double[m, m];
        var b = new double[m];
        for (var s = 0; s < n; s++)
        {
            var ys = y[s] - yMean;
            for (var i = 0; i < m; i++)
            {
                var xi = x[s, i] - xMean[i];
                b[i] += w[s] * xi * ys;
                for (var j = 0; j < m; j++) a[i, j] += w[s] * xi * (x[s, j] - xMean[j]);
            }
        }
        for (var i = 0; i < m; i++) a[i, i] += alpha;
        var beta = LinearSystem.Solve(a, b, "LIME's ridge fit has no unique solution; give a positive Alpha.");
        var intercept = yMean - beta.Select((v, j) => v * xMean[j]).Sum();
        double residual = 0, total = 0;
        for (var s = 0; s < n; s++)
        {
            var fit = intercept;
            for (var j = 0; j < m; j++) fit += beta[j] * x[s, j];
            residual += w[s] * (y[s] - fit) * (y[s] - fit);
            total += w[s] * (y[s] - yMean) * (y[s] - yMean);
        }
        return (beta, intercept, total > 0 ? 1 - residual / total : 1);
    }
}

using Keel.Learn;
using Keel.Learn.Featurization;
using Keel.Learn.Models;

namespace Keel.Explain;

/// <summary>Options of <see cref="KernelShap"/>, with their defaults written down.</summary>
public sealed record KernelShapOptions
{
    /// <summary>Coalitions evaluated per row; null means SHAP's auto, 2·M + 2048 (M = groups). At most 2^M − 2 are used.</summary>
    public int? Samples { get; init; }

    /// <summary>Up to this many groups every coalition is evaluated, giving exact Shapley values. The default value is 11.</summary>
    public int ExactUpTo { get; init; } = 11;

    /// <summary>Seed of the coalition sampling; the same seed gives the same values. The default value is 0.</summary>
    public int Seed { get; init; }
}

/// <summary>
/// Model-agnostic SHAP values of any <see cref="Predictor"/> against background rows, over groups of features (an
/// input column's one-hot and indicator features move together): Lundberg and Lee (2017), "A Unified Approach to
/// Interpreting Model Predictions", Kernel SHAP. The value of a coalition S is the mean raw score over the background
/// of rows that take S's groups from x and the rest from the background row. Up to
/// <see cref="KernelShapOptions.ExactUpTo"/> groups every coalition is evaluated and the Shapley formula applied
/// (exact); beyond, coalitions are chosen as SHAP's KernelExplainer does (whole subset sizes enumerated from the
/// outside in while the budget allows, the rest sampled by the Shapley kernel weight, each with its complement) and
/// the values solved by weighted least squares with the efficiency constraint (Σ φ = f(x) − E[f]) built in.
/// </summary>
public sealed class KernelShap
{
    private readonly Predictor _predictor;
    private readonly FeatureMatrix _background;
    private readonly int[] _groupOf;
    private readonly KernelShapOptions _options;

    public KernelShap(Predictor predictor, FeatureMatrix background, IReadOnlyList<string> groups, IReadOnlyList<int> groupOf, KernelShapOptions? options = null)
    {
        if (background.Rows == 0) throw new KeelLearnException("Kernel SHAP needs at least one background row.");
        if (background.Columns != predictor.FeatureCount || groupOf.Count != predictor.FeatureCount)
            throw new KeelLearnException($"The model has {predictor.FeatureCount} features; the background has {background.Columns} and the grouping {groupOf.Count}.");
        _predictor = predictor;
        _background = background;
        Groups = groups;
        _groupOf = [.. groupOf];
        _options = options ?? new KernelShapOptions();
        BaseValue = Shapley.BackgroundScores(predictor, background).Mean;
    }

    public IReadOnlyList<string> Groups { get; }

    /// <summary>The background's mean raw score per output.</summary>
    public double[] BaseValue { get; }

    public ShapValues Explain(FeatureMatrix features)
    {
        var m = Groups.Count;
        var outputs = _predictor.OutputCount;
        var values = new double[(long)features.Rows * m * outputs];
        var coalitions = Coalitions(m);
        for (var row = 0; row < features.Rows; row++)
        {
            var v = Evaluate(features.Row(row), coalitions.Masks);
            var phi = m <= _options.ExactUpTo ? Exact(m, coalitions.Masks, v, outputs) : Regress(m, coalitions, v, outputs);
            phi.CopyTo(values, row * m * outputs);
        }
        return new ShapValues(values, features.Rows, Groups, outputs, (double[])BaseValue.Clone());
    }

    /// <summary>The coalitions (group bit masks, the empty and the full one first) and their kernel weights.</summary>
    private sealed record CoalitionSet(List<bool[]> Masks, List<double> Weights);

    private CoalitionSet Coalitions(int m)
    {
        var masks = new List<bool[]> { new bool[m], Enumerable.Repeat(true, m).ToArray() };
        var weights = new List<double> { 0, 0 };
        if (m <= _options.ExactUpTo)
        {
            for (var s = 1; s < (1 << m) - 1; s++)
            {
                masks.Add(Enumerable.Range(0, m).Select(j => (s & (1 << j)) != 0).ToArray());
                weights.Add(0);
            }
            return new CoalitionSet(masks, weights);
        }
        var budget = Math.Min(_options.Samples ?? 2 * m + 2048, (int)Math.Min(int.MaxValue - 2, Math.Pow(2, m) - 2));
        var sizes = (m - 1 + 1) / 2;              // subset sizes 1..sizes (and their complements)
        var pairedSizes = (m - 1) / 2;
        var kernel = new double[sizes + 1];
        for (var s = 1; s <= sizes; s++) kernel[s] = (m - 1.0) / (s * (m - s)) * (s <= pairedSizes ? 2 : 1);
        var remainingWeight = kernel.Sum();
        for (var s = 1; s <= sizes; s++) kernel[s] /= remainingWeight;

        // Enumerate whole sizes from the outside in while the budget holds them.
        var left = budget;
        var full = 0;
        var share = kernel.ToArray();
        for (var s = 1; s <= sizes; s++)
        {
            var count = Shapley.Binomial(m, s) * (s <= pairedSizes ? 2 : 1);
            var normalizer = share.Skip(s).Sum();
            if (normalizer <= 0 || left * share[s] / normalizer + 1e-8 < count) break;
            full = s;
            left -= (int)count;
            foreach (var subset in Subsets(m, s))
            {
                masks.Add(subset); weights.Add(share[s] / Shapley.Binomial(m, s) / (s <= pairedSizes ? 2 : 1));
                if (s <= pairedSizes) { masks.Add(subset.Select(b => !b).ToArray()); weights.Add(share[s] / Shapley.Binomial(m, s) / 2); }
            }
            share[s] = 0;
        }
        var rest = share.Sum();
        if (full < sizes && left > 0 && rest > 0)
        {
            // Sample the remaining sizes by kernel weight, each subset with its complement; repeats add weight.
            var random = new Random(_options.Seed);
            var seen = new Dictionary<string, int>();
            var firstSampled = masks.Count;
            var order = Enumerable.Range(0, m).ToArray();
            var drawn = 0;
            var cumulative = new double[sizes + 1];
            for (var s = 1; s <= sizes; s++) cumulative[s] = cumulative[s - 1] + share[s] / rest;
            var attempts = 0;
            while (drawn < left && attempts++ < 100 * budget)
            {
                var u = random.NextDouble();
                var size = 1;
                while (size < sizes && cumulative[size] < u) size++;
                var subset = new bool[m];
                for (var i = 0; i < size; i++)
                {
                    var j = random.Next(i, m);
                    (order[i], order[j]) = (order[j], order[i]);
                    subset[order[i]] = true;
                }
                foreach (var candidate in size <= pairedSizes ? new[] { subset, subset.Select(b => !b).ToArray() } : [subset])
                {
                    var key = new string(candidate.Select(b => b ? '1' : '0').ToArray());
                    if (seen.TryGetValue(key, out var at)) weights[at] += 1;
                    else { seen[key] = masks.Count; masks.Add(candidate); weights.Add(1); drawn++; }
                }
            }
            var sampled = weights.Skip(firstSampled).Sum();
            for (var i = firstSampled; i < masks.Count; i++) weights[i] = weights[i] * rest / sampled;
        }
        return new CoalitionSet(masks, weights);
    }

    /// <summary>v(S) for every coalition: the mean raw score of x's groups in S over the background rows.</summary>
    private double[] Evaluate(ReadOnlySpan<float> x, List<bool[]> masks)
    {
        var outputs = _predictor.OutputCount;
        var width = _predictor.FeatureCount;
        var rows = _background.Rows;
        var mixed = new float[rows * width];
        var raw = new double[rows * outputs];
        var v = new double[masks.Count * outputs];
        for (var c = 0; c < masks.Count; c++)
        {
            var mask = masks[c];
            _background.Values.AsSpan(0, rows * width).CopyTo(mixed);
            for (var j = 0; j < width; j++)
                if (mask[_groupOf[j]])
                    for (var r = 0; r < rows; r++) mixed[r * width + j] = x[j];
            _predictor.Score(mixed, rows, raw);
            for (var r = 0; r < rows; r++)
                for (var k = 0; k < outputs; k++) v[c * outputs + k] += raw[r * outputs + k] / rows;
        }
        return v;
    }

    /// <summary>The Shapley formula over every coalition (masks in binary order after the empty and full ones).</summary>
    private static double[] Exact(int m, List<bool[]> masks, double[] v, int outputs)
    {
        var index = new Dictionary<int, int>();
        for (var c = 0; c < masks.Count; c++) index[Bits(masks[c])] = c;
        var phi = new double[m * outputs];
        for (var s = 0; s < 1 << m; s++)
        {
            var size = System.Numerics.BitOperations.PopCount((uint)s);
            for (var i = 0; i < m; i++)
            {
                if ((s & (1 << i)) != 0) continue;
                var weight = Shapley.Weight(size, m);
                var (with, without) = (index[s | (1 << i)], index[s]);
                for (var k = 0; k < outputs; k++) phi[i * outputs + k] += weight * (v[with * outputs + k] - v[without * outputs + k]);
            }
        }
        return phi;
    }

    /// <summary>Weighted least squares on the coalitions with Σ φ = v(full) − v(empty) built in (the last group eliminated).</summary>
    private static double[] Regress(int m, CoalitionSet set, double[] v, int outputs)
    {
        var phi = new double[m * outputs];
        for (var k = 0; k < outputs; k++)
        {
            var empty = v[0 * outputs + k];
            var total = v[1 * outputs + k] - empty;
            var a = new double[m - 1, m - 1];
            var b = new double[m - 1];
            for (var c = 2; c < set.Masks.Count; c++)
            {
                var mask = set.Masks[c];
                var w = set.Weights[c];
                var last = mask[m - 1] ? 1.0 : 0.0;
                var y = v[c * outputs + k] - empty - last * total;
                for (var i = 0; i < m - 1; i++)
                {
                    var zi = (mask[i] ? 1.0 : 0.0) - last;
                    if (zi == 0) continue;
                    b[i] += w * zi * y;
                    for (var j = 0; j < m - 1; j++) a[i, j] += w * zi * ((mask[j] ? 1.0 : 0.0) - last);
                }
            }
            var solution = LinearSystem.Solve(a, b, "Kernel SHAP's regression is singular; use more samples (KernelShapOptions.Samples).");
            var sum = 0.0;
            for (var i = 0; i < m - 1; i++) { phi[i * outputs + k] = solution[i]; sum += solution[i]; }
            phi[(m - 1) * outputs + k] = total - sum;
        }
        return phi;
    }

    private static int Bits(bool[] mask)
    {
        var bits = 0;
        for (var j = 0; j < mask.Length; j++) if (mask[j]) bits |= 1 << j;
        return bits;
    }


    private static IEnumerable<bool[]> Subsets(int m, int size)
    {
        var index = Enumerable.Range(0, size).ToArray();
        while (true)
        {
            var mask = new bool[m];
            foreach (var i in index) mask[i] = true;
            yield return mask;
            var p = size - 1;
            while (p >= 0 && index[p] == m - size + p) p--;
            if (p < 0) yield break;
            index[p]++;
            for (var q = p + 1; q < size; q++) index[q] = index[q - 1] + 1;
        }
    }
}

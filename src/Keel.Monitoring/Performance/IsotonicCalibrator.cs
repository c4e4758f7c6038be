namespace Keel.Monitoring.Performance;

/// <summary>
/// Isotonic regression of outcomes on scores (pool-adjacent-violators), as scikit-learn's
/// <c>IsotonicRegression(out_of_bounds="clip")</c> fits and predicts it: ties in the score are pooled first (their
/// mean outcome, weighted by their count), the fitted values are non-decreasing, and a score between two fitted
/// points is interpolated linearly; outside them the end values hold. NannyML calibrates CBPE's probabilities this way.
/// </summary>
/// <example>
/// <code>
/// var calibrator = IsotonicCalibrator.Fit([0.1, 0.4, 0.35, 0.8], [0, 1, 0, 1]);
/// double p = calibrator.Calibrate(0.375);   // 0.5: halfway between the knots (0.35, 0) and (0.4, 1)
/// </code>
/// </example>
public sealed class IsotonicCalibrator
{
    private readonly double[] _x;
    private readonly double[] _y;

    private IsotonicCalibrator(double[] x, double[] y) => (_x, _y) = (x, y);

    /// <summary>The knots: distinct scores (increasing) and their fitted values (non-decreasing).</summary>
    public IReadOnlyList<(double Score, double Value)> Knots => _x.Zip(_y).ToArray();

    public static IsotonicCalibrator Fit(ReadOnlySpan<double> scores, ReadOnlySpan<double> outcomes)
    {
        if (scores.Length != outcomes.Length) throw new ArgumentException($"{scores.Length} scores but {outcomes.Length} outcomes.");
        if (scores.Length == 0) throw new ArgumentException("Calibration needs at least one scored row.");
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            if (!double.IsFinite(scores[i]) || !double.IsFinite(outcomes[i])) throw new ArgumentException($"Row {i} has a score or outcome that is not a finite number.");
            order[i] = i;
        }
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        // Pool ties, then pool adjacent violators; a block is (score, mean, weight).
        var score = new List<double>();
        var mean = new List<double>();
        var weight = new List<double>();
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            double sum = 0;
            while (j < order.Length && keys[j] == keys[i]) sum += outcomes[order[j++]];
            score.Add(keys[i]);
            mean.Add(sum / (j - i));
            weight.Add(j - i);
            i = j;
        }
        var blockMean = new List<double>();
        var blockWeight = new List<double>();
        var blockEnd = new List<int>(); // last tie-group index of each block
        for (var g = 0; g < score.Count; g++)
        {
            blockMean.Add(mean[g]);
            blockWeight.Add(weight[g]);
            blockEnd.Add(g);
            while (blockMean.Count > 1 && blockMean[^2] > blockMean[^1])
            {
                var w = blockWeight[^2] + blockWeight[^1];
                var m = (blockMean[^2] * blockWeight[^2] + blockMean[^1] * blockWeight[^1]) / w;
                blockMean.RemoveAt(blockMean.Count - 1);
                blockWeight.RemoveAt(blockWeight.Count - 1);
                blockEnd.RemoveAt(blockEnd.Count - 2);
                (blockMean[^1], blockWeight[^1]) = (m, w);
            }
        }
        var fitted = new double[score.Count];
        for (int b = 0, g = 0; b < blockMean.Count; b++)
            for (; g <= blockEnd[b]; g++) fitted[g] = blockMean[b];
        return new IsotonicCalibrator([.. score], fitted);
    }

    /// <summary>The calibrated value of a score: linear between knots, the end values outside them.</summary>
    public double Calibrate(double score)
    {
        if (double.IsNaN(score)) return double.NaN;
        if (score <= _x[0]) return _y[0];
        if (score >= _x[^1]) return _y[^1];
        var hi = Array.BinarySearch(_x, score);
        if (hi >= 0) return _y[hi];
        hi = ~hi;
        var lo = hi - 1;
        return _y[lo] + (_y[hi] - _y[lo]) * (score - _x[lo]) / (_x[hi] - _x[lo]);
    }

    public double[] Calibrate(ReadOnlySpan<double> scores)
    {
        var result = new double[scores.Length];
        for (var i = 0; i < result.Length; i++) result[i] = Calibrate(scores[i]);
        return result;
    }
}

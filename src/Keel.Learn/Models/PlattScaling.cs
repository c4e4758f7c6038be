namespace Keel.Learn.Models;

/// <summary>
/// Platt scaling (Platt 1999, with the target smoothing of Lin, Lin and Weng 2007): fits P(y=1|s) = 1 / (1 + exp(-(a·s + b)))
/// to scores and labels by Newton's method with backtracking.
/// </summary>
public static class PlattScaling
{
    public static Link Fit(ReadOnlySpan<double> scores, ReadOnlySpan<float> labels)
    {
        double positives = 0;
        foreach (var y in labels) if (y > 0.5f) positives++;
        var negatives = labels.Length - positives;
        var hi = (positives + 1) / (positives + 2);
        var lo = 1 / (negatives + 2);
        double a = 0, b = Math.Log((negatives + 1) / (positives + 1)) * -1;
        var loss = Loss(scores, labels, a, b, hi, lo);
        for (var iter = 0; iter < 100; iter++)
        {
            double g1 = 0, g2 = 0, h11 = 1e-12, h22 = 1e-12, h21 = 0;
            for (var i = 0; i < scores.Length; i++)
            {
                var t = labels[i] > 0.5f ? hi : lo;
                var p = 1 / (1 + Math.Exp(-(a * scores[i] + b)));
                var d = p - t;
                var w = p * (1 - p);
                g1 += d * scores[i];
                g2 += d;
                h11 += w * scores[i] * scores[i];
                h22 += w;
                h21 += w * scores[i];
            }
            if (Math.Abs(g1) < 1e-9 && Math.Abs(g2) < 1e-9) break;
            var det = h11 * h22 - h21 * h21;
            var da = -(h22 * g1 - h21 * g2) / det;
            var db = -(-h21 * g1 + h11 * g2) / det;
            var step = 1.0;
            while (step > 1e-10)
            {
                var next = Loss(scores, labels, a + step * da, b + step * db, hi, lo);
                if (next < loss + 1e-4 * step * (g1 * da + g2 * db)) { a += step * da; b += step * db; loss = next; break; }
                step /= 2;
            }
            if (step <= 1e-10) break;
        }
        return Link.Sigmoid(a, b);
    }

    private static double Loss(ReadOnlySpan<double> scores, ReadOnlySpan<float> labels, double a, double b, double hi, double lo)
    {
        double loss = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var t = labels[i] > 0.5f ? hi : lo;
            var z = a * scores[i] + b;
            // log(1 + exp(z)) - t·z, computed stably
            loss += (z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z))) - t * z;
        }
        return loss;
    }
}

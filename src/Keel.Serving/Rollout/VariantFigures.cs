namespace Keel.Serving.Rollout;

/// <summary>
/// The running figures of one side of a rollout, updated lock-free by concurrent requests: counts, the latencies of
/// the last <see cref="LatencyWindow"/> requests (for the p95), labelled rows and the expected accuracy from the
/// model's probabilities.
/// </summary>
internal sealed class VariantFigures
{
    public const int LatencyWindow = 1024;

    private readonly double[] _latencyMs = new double[LatencyWindow];
    private long _requests, _errors, _labelled, _correct, _latencies, _probabilityRows, _confidenceMicro;

    public void Answered(double latencyMs)
    {
        Interlocked.Increment(ref _requests);
        var slot = Interlocked.Increment(ref _latencies) - 1;
        Volatile.Write(ref _latencyMs[slot % LatencyWindow], latencyMs);
    }

    public void Failed()
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _errors);
    }

    /// <summary>Adds the highest class probability of each row of a classifier's predictions: the accuracy a calibrated model expects of itself.</summary>
    public void Confidence(Keel.Learn.Models.Predictions predictions)
    {
        if (predictions.Probabilities is not { } p || predictions.Classes.Count == 0) return;
        var k = predictions.Classes.Count;
        var sum = 0.0;
        for (var r = 0; r < predictions.Rows; r++)
        {
            var best = 0.0;
            for (var c = 0; c < k; c++) best = Math.Max(best, p[r * k + c]);
            sum += best;
        }
        var rows = predictions.Rows;
        Interlocked.Add(ref _confidenceMicro, (long)(sum * 1e6));
        Interlocked.Add(ref _probabilityRows, rows);
    }

    public void Labelled(int rows, int correct)
    {
        Interlocked.Add(ref _labelled, rows);
        Interlocked.Add(ref _correct, correct);
    }

    public VariantSnapshot Snapshot()
    {
        var count = (int)Math.Min(Interlocked.Read(ref _latencies), LatencyWindow);
        var recent = new double[count];
        for (var i = 0; i < count; i++) recent[i] = Volatile.Read(ref _latencyMs[i]);
        var rows = Interlocked.Read(ref _probabilityRows);
        return new VariantSnapshot(
            Interlocked.Read(ref _requests), Interlocked.Read(ref _errors), Percentile95(recent),
            Interlocked.Read(ref _labelled), Interlocked.Read(ref _correct),
            rows == 0 ? double.NaN : Interlocked.Read(ref _confidenceMicro) / 1e6 / rows);
    }

    /// <summary>The 95th percentile by linear interpolation between order statistics (NumPy's default); 0 for no values.</summary>
    public static double Percentile95(double[] values)
    {
        if (values.Length == 0) return 0;
        Array.Sort(values);
        var position = 0.95 * (values.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, values.Length - 1);
        return values[below] + (position - below) * (values[above] - values[below]);
    }
}

namespace Keel.Data.Profiling;

/// <summary>
/// Count, range, moments and a histogram of a numeric column. The histogram's bin edges are fixed by the reference
/// data, so summaries of later windows are comparable and two summaries with the same edges merge exactly.
/// </summary>
public sealed record NumericSummary
{
    /// <summary>The probabilities at which <see cref="Quantiles"/> are reported.</summary>
    public static IReadOnlyList<double> QuantileLevels { get; } = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

    public required long Count { get; init; }

    public required double Min { get; init; }

    public required double Max { get; init; }

    public required double Mean { get; init; }

    /// <summary>The sum of squared deviations from the mean (Welford's M2); merges with Chan's formula.</summary>
    public required double SumSquaredDeviations { get; init; }

    /// <summary>Bin edges, ascending; bin k is [edge k, edge k+1), the last bin closed on the right.</summary>
    public required double[] BinEdges { get; init; }

    public required long[] BinCounts { get; init; }

    /// <summary>Values below the first edge.</summary>
    public long Below { get; init; }

    /// <summary>Values above the last edge.</summary>
    public long Above { get; init; }

    /// <summary>The sample standard deviation (n - 1 in the denominator), as pandas reports it.</summary>
    public double Std => Count > 1 ? Math.Sqrt(SumSquaredDeviations / (Count - 1)) : 0;

    /// <summary>Quantiles at <see cref="QuantileLevels"/>, interpolated within histogram bins.</summary>
    public double[] Quantiles => QuantileLevels.Select(Quantile).ToArray();

    /// <summary>A quantile estimated from the histogram: exact at bin edges, linear inside a bin.</summary>
    public double Quantile(double p)
    {
        if (Count == 0) return double.NaN;
        var target = p * Count;
        double cumulative = Below;
        if (target <= cumulative) return Below > 0 ? Min : BinEdges[0];
        for (var k = 0; k < BinCounts.Length; k++)
        {
            var next = cumulative + BinCounts[k];
            if (target <= next && BinCounts[k] > 0)
            {
                var frac = (target - cumulative) / BinCounts[k];
                return Math.Clamp(BinEdges[k] + frac * (BinEdges[k + 1] - BinEdges[k]), Min, Max);
            }
            cumulative = next;
        }
        return Max;
    }

    public NumericSummary Merge(NumericSummary other)
    {
        if (!BinEdges.AsSpan().SequenceEqual(other.BinEdges))
            throw new InvalidOperationException("Numeric summaries merge only when their bin edges are the same; build both against one reference profile.");
        if (other.Count == 0) return this;
        if (Count == 0) return other;
        var n = Count + other.Count;
        var delta = other.Mean - Mean;
        var counts = new long[BinCounts.Length];
        for (var k = 0; k < counts.Length; k++) counts[k] = BinCounts[k] + other.BinCounts[k];
        return this with
        {
            Count = n,
            Min = Math.Min(Min, other.Min),
            Max = Math.Max(Max, other.Max),
            Mean = Mean + delta * other.Count / n,
            SumSquaredDeviations = SumSquaredDeviations + other.SumSquaredDeviations + delta * delta * Count * other.Count / n,
            BinCounts = counts,
            Below = Below + other.Below,
            Above = Above + other.Above,
        };
    }
}

namespace Keel.Monitoring.Drift;

/// <summary>
/// NumPy's (1.24) <c>np.histogram_bin_edges(a, bins='sturges')</c> and <c>np.histogram(a, bins=edges)</c>, computed
/// from a merged sorted sample instead of the raw values: ⌈ptp / (ptp / (log₂ size + 1))⌉ equal bins between the
/// minimum and the maximum (one bin of width 1 around a constant), edges i·step + min with the last edge the maximum,
/// every bin half-open [e_i, e_i+1) except the last, which holds its right edge.
/// </summary>
internal static class NumpyHistogram
{
    /// <summary>The Sturges edges of a sample of <paramref name="size"/> values from min to max.</summary>
    public static double[] SturgesEdges(double min, double max, long size)
    {
        var width = (max - min) / (Math.Log2(size) + 1.0);
        double first = min, last = max;
        if (first == last)
        {
            first -= 0.5;
            last += 0.5;
        }
        var bins = width != 0 ? (int)Math.Ceiling((last - first) / width) : 1;
        return Linspace(first, last, bins + 1);
    }

    /// <summary><c>np.linspace(start, stop, num)</c>: i·step + start, the last point exactly stop.</summary>
    private static double[] Linspace(double start, double stop, int num)
    {
        var edges = new double[num];
        var div = num - 1;
        var delta = stop - start;
        var step = delta / div;
        for (var i = 0; i < num; i++) edges[i] = step == 0 ? i / (double)div * delta + start : i * step + start;
        edges[^1] = stop;
        return edges;
    }

    /// <summary>How many reference (or current) values fall in each bin.</summary>
    public static int[] Counts(MergedSample sample, double[] edges, bool reference)
    {
        var counts = new int[edges.Length - 1];
        var previous = sample.CountBelow(edges[0], reference);
        for (var i = 1; i < edges.Length; i++)
        {
            var atEdge = i == edges.Length - 1 ? CountAtOrBelow(sample, edges[i], reference) : sample.CountBelow(edges[i], reference);
            counts[i - 1] = atEdge - previous;
            previous = atEdge;
        }
        return counts;
    }

    private static int CountAtOrBelow(MergedSample sample, double x, bool reference)
    {
        var u = sample.LowerBound(x);
        if (u < sample.Distinct && sample.Values[u] == x) u++;
        return u == 0 ? 0 : (reference ? sample.ReferenceAtOrBelow : sample.CurrentAtOrBelow)[u - 1];
    }
}

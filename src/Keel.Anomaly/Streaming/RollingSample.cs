namespace Keel.Anomaly.Streaming;

/// <summary>
/// The most recent values of a stream, up to a capacity (a ring), with their median and robust scale: 1.4826 × the
/// median absolute deviation (MAD), or, where more than half the values are equal and the MAD is 0, 1.2533 × the mean
/// absolute deviation from the median (both estimate σ for normal data; the second is the usual fallback for the
/// modified z-score).
/// </summary>
internal sealed class RollingSample
{
    /// <summary>1 / Φ⁻¹(3/4): MAD × this estimates σ of a normal distribution.</summary>
    public const double MadToSigma = 1.4826;

    /// <summary>√(π/2): the mean absolute deviation × this estimates σ of a normal distribution.</summary>
    public const double MeanAbsoluteDeviationToSigma = 1.253314;

    private readonly double[] _values;
    private readonly double[] _scratch;
    private int _next;

    public RollingSample(int capacity)
    {
        _values = new double[capacity];
        _scratch = new double[capacity];
    }

    public int Count { get; private set; }

    public void Add(double value)
    {
        _values[_next] = value;
        _next = (_next + 1) % _values.Length;
        if (Count < _values.Length) Count++;
    }

    public void Clear()
    {
        _next = 0;
        Count = 0;
    }

    /// <summary>The median and robust scale of the values held; (NaN, NaN) when there are none.</summary>
    public (double Median, double Scale) Estimate()
    {
        if (Count == 0) return (double.NaN, double.NaN);
        var sorted = _scratch.AsSpan(0, Count);
        _values.AsSpan(0, Count).CopyTo(sorted);
        sorted.Sort();
        var median = Median(sorted);
        var meanDeviation = 0.0;
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = Math.Abs(sorted[i] - median);
            meanDeviation += sorted[i];
        }
        sorted.Sort();
        var mad = Median(sorted);
        if (mad > 0) return (median, MadToSigma * mad);
        return (median, MeanAbsoluteDeviationToSigma * meanDeviation / sorted.Length);
    }

    private static double Median(ReadOnlySpan<double> sorted)
    {
        var half = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[half] : 0.5 * (sorted[half - 1] + sorted[half]);
    }
}

namespace Keel.Monitoring.Drift;

/// <summary>Neumaier's compensated summation: the sum of many terms to about one rounding, whatever their order.</summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    public readonly double Value => double.IsFinite(_sum) ? _sum + _compensation : _sum;

    public void Add(double term)
    {
        var t = _sum + term;
        if (!double.IsFinite(t))
        {
            _sum = t; // an infinite (or NaN) term decides the sum
            return;
        }
        _compensation += Math.Abs(_sum) >= Math.Abs(term) ? (_sum - t) + term : (term - t) + _sum;
        _sum = t;
    }

    public static double Of(ReadOnlySpan<double> terms)
    {
        var s = new CompensatedSum();
        foreach (var t in terms) s.Add(t);
        return s.Value;
    }
}

namespace Keel.Monitoring.Streaming;

/// <summary>
/// River's <c>stats.Var</c> (Welford's algorithm, ddof = 1): the sum of squared deviations grows by
/// (x − old mean)(x − new mean); the variance is that sum over n − 1, and 0 until a second value arrives.
/// </summary>
internal struct RunningVariance
{
    private RunningMean _mean;
    private double _squares;

    public readonly double Mean => _mean.Mean;

    public readonly double Variance => _mean.Count > 1 ? _squares / (_mean.Count - 1) : 0.0;

    public void Update(double x)
    {
        var before = _mean.Mean;
        _mean.Update(x);
        _squares += 1.0 * (x - before) * (x - _mean.Mean);
    }
}

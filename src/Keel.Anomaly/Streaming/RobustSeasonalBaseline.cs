namespace Keel.Anomaly.Streaming;

/// <summary>
/// A robust seasonal baseline: each point is compared with the median of the recent values of its phase of the season
/// (its hour of the day, its position in a period of N points, or none), in units of their robust scale
/// (1.4826 × MAD, the modified z-score of Iglewicz and Hoaglin 1993): z = |x − median| / (1.4826 · MAD). The anomaly
/// likelihood is z² / (z² + (z₀/3)²) with z₀ = <see cref="RobustSeasonalBaselineOptions.OutlierZ"/>: 0 at the median,
/// 0.5 at z = z₀/3, 0.9 at z = z₀ (3.5 by default), 0.99 at z ≈ 3.3·z₀, and 1 for any move of a series that never
/// moved. It never reaches 1 for a finite z, so larger deviations always score higher (a threshold can tell them apart).
/// A phase with fewer than <see cref="RobustSeasonalBaselineOptions.MinPhaseValues"/> values is scored against the
/// overall window, and nothing is scored (0) before <see cref="RobustSeasonalBaselineOptions.WarmUp"/> points.
/// Medians and MADs ignore the outliers they are meant to find, so a spike does not mask the next one.
/// </summary>
/// <example>
/// <code>
/// var detector = new RobustSeasonalBaseline(new RobustSeasonalBaselineOptions { Seasonality = Seasonality.HourOfDay });
/// foreach (var point in points)
/// {
///     var likelihood = detector.Score(point); // test ...
///     detector.Learn(point);                  // ... then learn
///     if (likelihood >= 0.9) Console.WriteLine($"{point.Timestamp:u}: {point.Value} is unusual for its hour");
/// }
/// </code>
/// </example>
public sealed class RobustSeasonalBaseline : IStreamingAnomalyDetector
{
    private readonly RobustSeasonalBaselineOptions _options;
    private readonly RollingSample _overall;
    private readonly RollingSample?[] _phases;

    public RobustSeasonalBaseline(RobustSeasonalBaselineOptions? options = null)
    {
        _options = options ?? new RobustSeasonalBaselineOptions();
        var problems = _options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException($"seasonal: {string.Join(" ", problems)}", nameof(options));
        _overall = new RollingSample(_options.Window);
        _phases = new RollingSample?[_options.Seasonality switch
        {
            Seasonality.Points => _options.Period,
            Seasonality.HourOfDay => 24,
            Seasonality.HourOfWeek => 168,
            _ => 0,
        }];
    }

    public string Name => "seasonal";

    public RobustSeasonalBaselineOptions Options => _options;

    public long Learned { get; private set; }

    public double Score(SeriesPoint point)
    {
        if (!double.IsFinite(point.Value)) throw new ArgumentOutOfRangeException(nameof(point), point.Value, "The seasonal baseline scores finite values.");
        if (Learned < _options.WarmUp) return 0.0;
        var (median, scale) = Baseline(point);
        return Likelihood(RobustZ(point.Value, median, scale), _options.OutlierZ);
    }

    /// <summary>The median and robust scale the point is compared with: its phase's, or the overall window's while the phase is young.</summary>
    public (double Median, double Scale) Baseline(SeriesPoint point)
    {
        var overall = _overall.Estimate();
        if (_phases.Length == 0) return overall;
        var phase = _phases[Phase(point)];
        if (phase is null || phase.Count < _options.MinPhaseValues) return overall;
        var (median, scale) = phase.Estimate();
        return (median, Math.Max(scale, _options.MinScaleShare * overall.Scale));
    }

    public void Learn(SeriesPoint point)
    {
        if (!double.IsFinite(point.Value)) throw new ArgumentOutOfRangeException(nameof(point), point.Value, "The seasonal baseline learns finite values.");
        if (_phases.Length > 0)
        {
            var phase = Phase(point);
            (_phases[phase] ??= new RollingSample(_options.Window)).Add(point.Value);
        }
        _overall.Add(point.Value);
        Learned++;
    }

    public void Reset()
    {
        _overall.Clear();
        Array.Clear(_phases);
        Learned = 0;
    }

    /// <summary>|x − median| / scale; 0 when x is the median, +∞ when the scale is 0 and x differs from the median.</summary>
    public static double RobustZ(double x, double median, double scale)
    {
        var deviation = Math.Abs(x - median);
        if (deviation == 0) return 0.0;
        return scale > 0 ? deviation / scale : double.PositiveInfinity;
    }

    /// <summary>The anomaly likelihood of a robust z-score: z² / (z² + (outlierZ/3)²), in [0, 1], 0.9 at z = outlierZ.</summary>
    public static double Likelihood(double z, double outlierZ)
    {
        if (double.IsPositiveInfinity(z)) return 1.0;
        var r = 3 * z / outlierZ;
        return r * r / (r * r + 1);
    }

    private int Phase(SeriesPoint point) => _options.Seasonality switch
    {
        Seasonality.Points => (int)(Learned % _options.Period),
        Seasonality.HourOfDay => point.Timestamp.Hour,
        Seasonality.HourOfWeek => ((int)point.Timestamp.DayOfWeek + 6) % 7 * 24 + point.Timestamp.Hour,
        _ => 0,
    };
}

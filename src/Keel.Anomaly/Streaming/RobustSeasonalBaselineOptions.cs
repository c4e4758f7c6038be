using System.Globalization;

namespace Keel.Anomaly.Streaming;

/// <summary>Options of <see cref="RobustSeasonalBaseline"/>, with their names on the command line (<c>--param name=value</c>).</summary>
public sealed record RobustSeasonalBaselineOptions
{
    /// <summary>How points are grouped into phases of a season (<c>season</c>: none, points, hour-of-day, hour-of-week). The default value is <see cref="Seasonality.None"/>.</summary>
    public Seasonality Seasonality { get; init; } = Seasonality.None;

    /// <summary>The season's length in points, with <see cref="Seasonality.Points"/> (<c>period</c>; <c>--period N</c>). The default value is 0 (unset); at least 2 when used.</summary>
    public int Period { get; init; }

    /// <summary>The most recent values kept per phase, and overall (<c>window</c>). The default value is 100; at least 3.</summary>
    public int Window { get; init; } = 100;

    /// <summary>
    /// The values a phase needs before its own baseline is used (<c>min_phase_values</c>); until then the point is
    /// scored against the overall window. The default value is 8; at least 3 and at most <see cref="Window"/>.
    /// </summary>
    public int MinPhaseValues { get; init; } = 8;

    /// <summary>Points learned before any point is scored; scores are 0 until then (<c>warm_up</c>). The default value is 20; at least 3.</summary>
    public int WarmUp { get; init; } = 20;

    /// <summary>
    /// The robust z-score at which the anomaly likelihood is 0.9 (<c>outlier_z</c>): the likelihood is
    /// z² / (z² + (outlier_z / 3)²). The default value is 3.5, Iglewicz and Hoaglin's cut-off for the modified z-score; positive.
    /// </summary>
    public double OutlierZ { get; init; } = 3.5;

    /// <summary>
    /// The smallest scale a phase may have, as a share of the overall window's scale (<c>min_scale_share</c>), so that a
    /// phase whose few values happen to agree does not flag every small move. The default value is 0.1; 0 to 1.
    /// </summary>
    public double MinScaleShare { get; init; } = 0.1;

    public IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(Seasonality)) yield return $"season must be none, points, hour-of-day or hour-of-week; it is {Seasonality}.";
        if (Seasonality == Seasonality.Points && Period < 2) yield return $"period must be at least 2 points with season=points; it is {Period}.";
        if (Seasonality != Seasonality.Points && Period != 0) yield return $"period is the season's length in points and needs season=points (or --period alone); season is {Name(Seasonality)}.";
        if (Window < 3) yield return $"window must be at least 3; it is {Window}.";
        if (MinPhaseValues < 3 || MinPhaseValues > Window) yield return $"min_phase_values must be at least 3 and at most window ({Window}); it is {MinPhaseValues}.";
        if (WarmUp < 3) yield return $"warm_up must be at least 3; it is {WarmUp}.";
        if (!(OutlierZ > 0) || !double.IsFinite(OutlierZ)) yield return $"outlier_z must be a positive number; it is {OutlierZ.ToString(CultureInfo.InvariantCulture)}.";
        if (!(MinScaleShare is >= 0 and <= 1)) yield return $"min_scale_share must be between 0 and 1; it is {MinScaleShare.ToString(CultureInfo.InvariantCulture)}.";
    }

    /// <summary>The command-line spelling of a seasonality.</summary>
    public static string Name(Seasonality seasonality) => seasonality switch
    {
        Seasonality.None => "none",
        Seasonality.Points => "points",
        Seasonality.HourOfDay => "hour-of-day",
        Seasonality.HourOfWeek => "hour-of-week",
        _ => seasonality.ToString(),
    };
}

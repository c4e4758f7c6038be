namespace Keel.Anomaly.Streaming;

/// <summary>How <see cref="RobustSeasonalBaseline"/> groups points into phases of a season, each with its own baseline.</summary>
public enum Seasonality
{
    /// <summary>No season: one baseline over the most recent points.</summary>
    None,

    /// <summary>A season of <see cref="RobustSeasonalBaselineOptions.Period"/> points: the phase is the point's position modulo the period.</summary>
    Points,

    /// <summary>The hour of the day of the point's timestamp (24 phases), for daily cycles at any sampling rate.</summary>
    HourOfDay,

    /// <summary>The hour of the week of the point's timestamp (168 phases, Monday 00:00 first), for weekly cycles.</summary>
    HourOfWeek,
}

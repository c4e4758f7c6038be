using System.Globalization;

namespace Keel.Monitoring.Streaming;

/// <summary>Options of <see cref="PageHinkley"/>, with River's defaults (<c>river.drift.PageHinkley</c>) and River's names on the command line.</summary>
public sealed record PageHinkleyOptions
{
    /// <summary>Values seen before a drift can be signalled (<c>min_instances</c>). The default value is 30; at least 1.</summary>
    public int MinInstances { get; init; } = 30;

    /// <summary>The magnitude of change tolerated, subtracted from (added to) every deviation (<c>delta</c>). The default value is 0.005; at least 0.</summary>
    public double Delta { get; init; } = 0.005;

    /// <summary>The cumulative deviation that signals a drift, λ (<c>threshold</c>). The default value is 50; positive.</summary>
    public double Threshold { get; init; } = 50.0;

    /// <summary>The forgetting factor applied to the cumulative sums (<c>alpha</c>). The default value is 1 − 0.0001; in (0, 1].</summary>
    public double Alpha { get; init; } = 1 - 0.0001;

    /// <summary>Which changes of the mean count (<c>mode</c>: up, down or both). The default value is <see cref="PageHinkleyMode.Both"/>.</summary>
    public PageHinkleyMode Mode { get; init; } = PageHinkleyMode.Both;

    public IEnumerable<string> Validate()
    {
        if (MinInstances < 1) yield return $"min_instances must be at least 1; it is {MinInstances}.";
        if (!(Delta >= 0) || !double.IsFinite(Delta)) yield return $"delta must be a number at least 0; it is {Delta.ToString(CultureInfo.InvariantCulture)}.";
        if (!(Threshold > 0) || !double.IsFinite(Threshold)) yield return $"threshold must be a positive number; it is {Threshold.ToString(CultureInfo.InvariantCulture)}.";
        if (!(Alpha is > 0 and <= 1)) yield return $"alpha must be above 0 and at most 1; it is {Alpha.ToString(CultureInfo.InvariantCulture)}.";
        if (!Enum.IsDefined(Mode)) yield return $"mode must be up, down or both; it is {Mode}.";
    }
}

namespace Keel.Monitoring.Streaming;

/// <summary>Which changes of the mean <see cref="PageHinkley"/> reports (River's <c>mode</c>: "up", "down", "both").</summary>
public enum PageHinkleyMode
{
    /// <summary>Increases and decreases (<c>both</c>).</summary>
    Both,

    /// <summary>Increases only (<c>up</c>).</summary>
    Up,

    /// <summary>Decreases only (<c>down</c>).</summary>
    Down,
}

namespace Keel.Monitoring.Streaming;

/// <summary>Which labelled rows a refit of <see cref="PrequentialRun"/> learns from.</summary>
public enum PrequentialWindow
{
    /// <summary>The most recent <see cref="PrequentialOptions.WindowRows"/> labelled rows (the default).</summary>
    Sliding,

    /// <summary>Every labelled row, from the first: the window only grows.</summary>
    Expanding,

    /// <summary>
    /// The first model's <see cref="PrequentialOptions.InitialRows"/> rows and the most recent
    /// <see cref="PrequentialOptions.WindowRows"/> labelled rows after them.
    /// </summary>
    OriginalPlusRecent,
}

namespace Keel.Anomaly.Streaming;

/// <summary>Options of <see cref="WindowedGaussian"/>, with their names on the command line (<c>--param name=value</c>).</summary>
public sealed record WindowedGaussianOptions
{
    /// <summary>
    /// The most recent values whose mean and standard deviation describe what is usual (<c>window</c>). The default value
    /// is 1,000, the window of NAB's windowed Gaussian detector; at least 3.
    /// </summary>
    public int Window { get; init; } = 1000;

    /// <summary>Points learned before any point is scored; scores are 0 until then (<c>warm_up</c>). The default value is 20; at least 3 and at most <see cref="Window"/>.</summary>
    public int WarmUp { get; init; } = 20;

    /// <summary>
    /// What is compared with the window (<c>input</c>): <see cref="GaussianInput.Value"/> the values themselves, or
    /// <see cref="GaussianInput.Change"/> the change from the previous value (first differences), which ignores the
    /// level and finds sudden moves. The default value is <see cref="GaussianInput.Value"/>.
    /// </summary>
    public GaussianInput Input { get; init; } = GaussianInput.Value;

    public IEnumerable<string> Validate()
    {
        if (Window < 3) yield return $"window must be at least 3; it is {Window}.";
        if (WarmUp < 3 || WarmUp > Math.Max(Window, 3)) yield return $"warm_up must be at least 3 and at most window ({Window}); it is {WarmUp}.";
        if (!Enum.IsDefined(Input)) yield return $"input must be value or change; it is {Input}.";
    }
}

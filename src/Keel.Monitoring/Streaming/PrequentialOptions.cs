namespace Keel.Monitoring.Streaming;

/// <summary>
/// How <see cref="PrequentialRun"/> trains its first model and when it refits: never, every so many rows, when a
/// drift detector watching the model's errors fires, or on either of the last two.
/// </summary>
public sealed record PrequentialOptions
{
    /// <summary>Rows, from the first, the first model is fitted on; scoring starts at the next row. The default value is 1,000; at least 2.</summary>
    public int InitialRows { get; init; } = 1000;

    /// <summary>Rows each refit learns from: the most recent rows whose labels have arrived. The default value is 1,000; at least 2.</summary>
    public int WindowRows { get; init; } = 1000;

    /// <summary>Refit after every this many scored rows; 0 refits on no schedule. The default value is 0; at least 0.</summary>
    public int RetrainEvery { get; init; }

    /// <summary>
    /// The detector (one of <see cref="DriftDetectors.Names"/>) that watches the 0/1 error stream and triggers a refit
    /// when it detects a drift; null watches nothing. The default value is null.
    /// </summary>
    public string? RetrainOnDrift { get; init; }

    /// <summary>The detector's parameters, named as <see cref="DriftDetectors.Create"/> takes them. The default value is null (River's defaults).</summary>
    public IReadOnlyDictionary<string, string>? DetectorParameters { get; init; }

    /// <summary>Problems with the options, one sentence each; empty when they are valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (InitialRows < 2) yield return $"InitialRows must be at least 2; it is {InitialRows}.";
        if (WindowRows < 2) yield return $"WindowRows must be at least 2; it is {WindowRows}.";
        if (RetrainEvery < 0) yield return $"RetrainEvery must be at least 0 (0: no scheduled refit); it is {RetrainEvery}.";
        if (RetrainOnDrift is { } name && !DriftDetectors.Names.Contains(name))
            yield return $"RetrainOnDrift '{name}' is not a detector; the detectors are {string.Join(", ", DriftDetectors.Names)}.";
        if (DetectorParameters is { Count: > 0 } && RetrainOnDrift is null)
            yield return "DetectorParameters are set but RetrainOnDrift names no detector: name one or drop the parameters.";
    }
}

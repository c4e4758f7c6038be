namespace Keel.Monitoring.Streaming;

/// <summary>
/// How <see cref="PrequentialRun"/> trains its first model and when it refits: never, every so many rows, when a
/// drift detector watching the model's errors fires, or on either of the last two; and what a retraining policy in
/// production has besides: labels that arrive late, a least number of new labels between refits, which rows a refit
/// learns, and the value of the decisions taken on the model's probabilities.
/// </summary>
public sealed record PrequentialOptions
{
    /// <summary>Rows, from the first, the first model is fitted on; scoring starts at the next row. The default value is 1,000; at least 2.</summary>
    public int InitialRows { get; init; } = 1000;

    /// <summary>
    /// Rows each refit learns from: the most recent rows whose labels have arrived (with
    /// <see cref="PrequentialWindow.OriginalPlusRecent"/>, the recent part; unused with
    /// <see cref="PrequentialWindow.Expanding"/>). The default value is 1,000; at least 2.
    /// </summary>
    public int WindowRows { get; init; } = 1000;

    /// <summary>Which labelled rows a refit learns from. The default value is <see cref="PrequentialWindow.Sliding"/>.</summary>
    public PrequentialWindow Window { get; init; } = PrequentialWindow.Sliding;

    /// <summary>
    /// Rows between a row's scoring and its label's arrival: the label of row r is known after row r + LabelDelay is
    /// scored, and only then does the detector see the row's error and may a refit learn the row. The default value
    /// is 0 (each label arrives right after its row is scored); at least 0.
    /// </summary>
    public int LabelDelay { get; init; }

    /// <summary>
    /// The least number of labels that must have arrived since the last fit before the next refit: a refit due (by
    /// schedule or drift) waits until that many have. The default value is 0 (no limit); at least 0.
    /// </summary>
    public int MinNewLabelledRows { get; init; }

    /// <summary>
    /// The value of binary decisions taken on the model's probabilities, tracked row by row; null takes none. The
    /// default value is null.
    /// </summary>
    public DecisionPayoff? Payoff { get; init; }

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
        if (LabelDelay < 0) yield return $"LabelDelay must be at least 0 (0: each label arrives right after its row); it is {LabelDelay}.";
        if (MinNewLabelledRows < 0) yield return $"MinNewLabelledRows must be at least 0 (0: no limit); it is {MinNewLabelledRows}.";
        if (!Enum.IsDefined(Window)) yield return $"Window {(int)Window} is not a window; the windows are {string.Join(", ", Enum.GetNames<PrequentialWindow>())}.";
        if (Payoff is not null)
            foreach (var problem in Payoff.Validate()) yield return problem;
        if (RetrainEvery < 0) yield return $"RetrainEvery must be at least 0 (0: no scheduled refit); it is {RetrainEvery}.";
        if (RetrainOnDrift is { } name && !DriftDetectors.Names.Contains(name))
            yield return $"RetrainOnDrift '{name}' is not a detector; the detectors are {string.Join(", ", DriftDetectors.Names)}.";
        if (DetectorParameters is { Count: > 0 } && RetrainOnDrift is null)
            yield return "DetectorParameters are set but RetrainOnDrift names no detector: name one or drop the parameters.";
    }
}

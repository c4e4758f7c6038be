using Keel.Data;

namespace Keel.Lifecycle.Retraining;

/// <summary>What a retraining cycle reads besides the store.</summary>
public sealed record RetrainingCycleInputs
{
    /// <summary>The policy to apply; null uses the one stored for the model. The default value is null.</summary>
    public RetrainingPolicy? Policy { get; init; }

    /// <summary>
    /// Recent traffic as a table in time order, labelled where the outcome is known; null reads the model's prediction
    /// log and feedback from the store. The default value is null.
    /// </summary>
    public Table? RecentData { get; init; }

    /// <summary>How the recent data is named in messages (its file name). The default value is "the recent data".</summary>
    public string RecentDataName { get; init; } = "the recent data";

    /// <summary>The champion's original training data, for the expanding and original-plus-recent windows. The default value is null.</summary>
    public Table? OriginalData { get; init; }

    /// <summary>How the original data is named. The default value is "the original training data".</summary>
    public string OriginalDataName { get; init; } = "the original training data";
}

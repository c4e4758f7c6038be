using Keel.Store;

namespace Keel.Tuning.Studies;

/// <summary>
/// A trial as it was stored: its number, state, value, the parameters it was given and the values it reported by
/// step (Optuna's <c>FrozenTrial</c>).
/// </summary>
public sealed record FrozenTrial(
    int Number,
    TrialState State,
    double? Value,
    IReadOnlyDictionary<string, ParameterValue> Params,
    IReadOnlyDictionary<int, double> Intermediate)
{
    public IReadOnlyDictionary<string, string> UserAttributes { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The highest step reported, or null when none was.</summary>
    public int? LastStep => Intermediate.Count == 0 ? null : Intermediate.Keys.Max();

    public TimeSpan? Duration => StartedAt is { } s && FinishedAt is { } f ? f - s : null;

    public bool IsFinished => State is TrialState.Complete or TrialState.Pruned or TrialState.Failed;
}

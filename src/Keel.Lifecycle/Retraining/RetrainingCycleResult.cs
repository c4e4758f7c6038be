using Keel.Store;

namespace Keel.Lifecycle.Retraining;

/// <summary>
/// What one retraining cycle found and did: the decision (triggers and limits with their reasons), the window, the
/// challenger version and its comparison with the champion, the gate's decision, and a sentence that sums it up.
/// </summary>
public sealed record RetrainingCycleResult
{
    public required string Model { get; init; }

    /// <summary>The cycle's time (from its clock).</summary>
    public required DateTimeOffset At { get; init; }

    public required int ChampionVersion { get; init; }

    public required RetrainingDecision Decision { get; init; }

    public required CycleAction Action { get; init; }

    /// <summary>Which rows the challenger trained on; null when nothing was trained.</summary>
    public string? Window { get; init; }

    public int TrainingRows { get; init; }

    /// <summary>The challenger version registered by this cycle; null when nothing was trained.</summary>
    public int? ChallengerVersion { get; init; }

    /// <summary>The challenger's held-out metrics from its own training split.</summary>
    public IReadOnlyDictionary<string, double> ChallengerMetrics { get; init; } = new Dictionary<string, double>();

    public ComparisonResult? Comparison { get; init; }

    /// <summary>The promotion gate's decision, when the model's promotion policy guards the champion and the cycle tried to promote.</summary>
    public GateDecision? Gate { get; init; }

    /// <summary>A plain sentence: what fired, what the cycle did and why.</summary>
    public required string Summary { get; init; }
}

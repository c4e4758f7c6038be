using Keel.Data;
using Keel.Learn.Bundles;
using Keel.Tuning.Studies;

namespace Keel.Tuning.AutoMl;

/// <summary>
/// What an AutoML run made: the chosen model's bundle, the training and held-out rows, the leaderboard (best first by
/// out-of-fold score), each trainer's study and how far tuning moved it, and the time spent.
/// </summary>
public sealed record AutoMlOutcome(
    ModelBundle Bundle,
    Table Train,
    Table Test,
    string Metric,
    IReadOnlyList<LeaderboardEntry> Leaderboard,
    IReadOnlyList<TrainerSummary> Trainers,
    IReadOnlyList<Study> Studies,
    TimeSpan Elapsed)
{
    /// <summary>
    /// The trainer whose defaults scored best out of fold, with its defaults, evaluated on the same held-out rows:
    /// roughly what training without a search would have given. Null when no default trial completed.
    /// </summary>
    public (string Name, Keel.Learn.Evaluation.EvaluationResult Evaluation)? Baseline { get; init; }

    public LeaderboardEntry Chosen => Leaderboard.First(e => e.Chosen);
}

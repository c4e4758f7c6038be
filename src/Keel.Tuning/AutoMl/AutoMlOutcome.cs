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
    public LeaderboardEntry Chosen => Leaderboard.First(e => e.Chosen);
}

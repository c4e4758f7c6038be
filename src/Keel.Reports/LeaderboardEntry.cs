namespace Keel.Reports;

/// <summary>A leaderboard row that is not a trial, e.g. an ensemble of the studies' best models, scored by the same cross-validation.</summary>
/// <param name="Name">What it is ("stacked ensemble").</param>
/// <param name="Score">Its cross-validated score on the report's metric.</param>
/// <param name="Note">How it was made, shown in the parameters column. The default value is null.</param>
public sealed record LeaderboardEntry(string Name, double Score, string? Note = null);

namespace Keel.Reports;

/// <summary>
/// A row of a <see cref="TuningReport"/>'s leaderboard that is not a trial, e.g. an ensemble of the studies' best
/// models, scored by the same cross-validation.
/// </summary>
/// <param name="Name">What it is ("stacked ensemble").</param>
/// <param name="Score">Its cross-validated score on the report's metric.</param>
/// <param name="Note">How it was made (members, weights), shown in the parameters column. The default value is null.</param>
/// <param name="Kind">Shown in the trainer column. The default value is "ensemble".</param>
public sealed record TuningLeaderboardRow(string Name, double Score, string? Note = null, string Kind = "ensemble");

namespace Keel.Tuning.AutoMl;

/// <summary>
/// One model or ensemble AutoML built: its name, what it is, its out-of-fold score on the training rows (what chose
/// it) and its score on the held-out rows (never used to choose).
/// </summary>
/// <param name="Name">E.g. "LightGbm #4" (trial 4 of LightGBM's study) or "ensemble selection".</param>
/// <param name="Kind">"model" or "ensemble".</param>
/// <param name="Trainer">The trainer's name, or the ensemble's kind.</param>
/// <param name="Trial">The trial of the trainer's study; null for an ensemble.</param>
/// <param name="Parameters">The trainer's parameters, or the ensemble's members and weights.</param>
/// <param name="OutOfFold">The metric on the out-of-fold outputs of every training row.</param>
/// <param name="HeldOut">The metric on the held-out rows.</param>
/// <param name="Chosen">Whether this is the model written to the bundle.</param>
public sealed record LeaderboardEntry(string Name, string Kind, string Trainer, int? Trial, IReadOnlyDictionary<string, string> Parameters,
    double OutOfFold, double HeldOut, bool Chosen);

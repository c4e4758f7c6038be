namespace Keel.Tuning.AutoMl;

/// <summary>
/// How far the search moved one trainer from its defaults: the cross-validated score (mean of the folds) of its
/// default configuration (trial 0) and of its best trial, with both configurations' held-out scores.
/// </summary>
public sealed record TrainerSummary(string Trainer, int Complete, int Pruned, int Failed, double? DefaultCv, double? BestCv, int? BestTrial,
    double? DefaultHeldOut, double? BestHeldOut, IReadOnlyDictionary<string, string> BestParameters);

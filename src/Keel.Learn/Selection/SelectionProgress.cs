namespace Keel.Learn.Selection;

/// <summary>A step of model selection: a fold of a candidate started or finished.</summary>
public sealed record SelectionProgress(string Trainer, int Fold, int Folds, double? Score, CandidateResult? Finished = null);

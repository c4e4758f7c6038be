namespace Keel.Learn.Selection;

/// <summary>Every candidate of a model selection, the winner, and the metric they were ranked by.</summary>
public sealed record SelectionResult(IReadOnlyList<CandidateResult> Candidates, CandidateResult Best, string Metric, int Folds);

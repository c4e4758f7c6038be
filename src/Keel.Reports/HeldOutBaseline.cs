using Keel.Learn.Evaluation;

namespace Keel.Reports;

/// <summary>A reference model evaluated on the same held-out rows as the chosen one (e.g. the trainer's defaults), to say what tuning gained.</summary>
/// <param name="Name">What it is, in words ("LightGBM with its default settings").</param>
/// <param name="Evaluation">Its evaluation on the held-out rows.</param>
public sealed record HeldOutBaseline(string Name, EvaluationResult Evaluation);

using Keel.Learn.Selection;

namespace Keel.Learn.Training;

/// <summary>A step of a training job, for progress displays.</summary>
public sealed record TrainingStep(string Stage, string Message, SelectionProgress? Selection = null, double? Fraction = null);

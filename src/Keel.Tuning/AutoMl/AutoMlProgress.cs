using Keel.Tuning.Studies;

namespace Keel.Tuning.AutoMl;

/// <summary>A step of an AutoML run: a finished trial (with the trainer and the best score so far over every trainer) or a phase's message.</summary>
public sealed record AutoMlProgress(string Phase, string Message, string? Trainer = null, FrozenTrial? Trial = null, double? Best = null);

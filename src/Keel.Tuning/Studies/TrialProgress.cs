namespace Keel.Tuning.Studies;

/// <summary>Reported after each trial this worker finishes: the trial, the study's best so far, and how many trials this call finished.</summary>
public sealed record TrialProgress(FrozenTrial Trial, FrozenTrial? Best, int FinishedByThisCall, string? Error);

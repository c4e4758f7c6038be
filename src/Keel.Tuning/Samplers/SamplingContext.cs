using Keel.Tuning.Studies;

namespace Keel.Tuning.Samplers;

/// <summary>What a sampler may look at: the study's direction, its finished trials, and the number of the trial to fill.</summary>
public sealed record SamplingContext(StudyDirection Direction, IReadOnlyList<FrozenTrial> History, int TrialNumber);

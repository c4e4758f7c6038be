using Keel.Tuning.Studies;

namespace Keel.Tuning.Pruners;

/// <summary>What a pruner may look at: the study's name and direction, its other trials (any state), and the trial in question.</summary>
public sealed record PruningContext(string StudyName, StudyDirection Direction, IReadOnlyList<FrozenTrial> Trials, FrozenTrial Current);

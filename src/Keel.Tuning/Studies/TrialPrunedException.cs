namespace Keel.Tuning.Studies;

/// <summary>Thrown by an objective (see <see cref="Trial.Prune"/>) to end a trial that a pruner judged unpromising.</summary>
public sealed class TrialPrunedException(int step) : Exception($"Pruned at step {step}.")
{
    public int Step { get; } = step;
}

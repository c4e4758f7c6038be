namespace Keel.Tuning.Pruners;

/// <summary>Judges, after a trial reported a value at a step, whether the trial is unpromising and should stop.</summary>
public interface IPruner
{
    /// <summary>The pruner's name and settings, as studies record them.</summary>
    string Describe();

    bool ShouldPrune(PruningContext context);
}

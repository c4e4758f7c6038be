using Keel.Learn.Trainers;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Spaces;

/// <summary>A trainer's search space, declared by run: <see cref="Suggest"/> asks the trial for each option and returns the trainer.</summary>
public interface ITrainerSearchSpace
{
    /// <summary>The trainer's name on the command line, e.g. "lightgbm".</summary>
    string Trainer { get; }

    /// <summary>Whether the trainer handles the task.</summary>
    bool Supports(Keel.Learn.TaskKind task);

    /// <summary>The trainer's own default options, by parameter name (the choice's text for categorical ones).</summary>
    IReadOnlyDictionary<string, object> Defaults { get; }

    ITrainer Suggest(Trial trial);
}

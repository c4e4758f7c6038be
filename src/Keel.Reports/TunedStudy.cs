using Keel.Tuning.Importance;
using Keel.Tuning.Studies;

namespace Keel.Reports;

/// <summary>One tuned study for a <see cref="TuningReport"/>: its name, the trainer it tuned, its trials and their parameter importance.</summary>
/// <param name="Name">The study's name in the store.</param>
/// <param name="Trainer">The trainer whose parameters it searched.</param>
/// <param name="Trials">Every trial of the study (<see cref="Study.Trials"/>).</param>
/// <param name="Importance">The parameters' importance (<see cref="FanovaImportance"/>), or null to leave it out.</param>
public sealed record TunedStudy(string Name, string Trainer, IReadOnlyList<FrozenTrial> Trials, ParameterImportances? Importance)
{
    /// <summary>The number of the trial that evaluated the trainer's defaults. The default value is null: none.</summary>
    public int? DefaultsTrial { get; init; }
}

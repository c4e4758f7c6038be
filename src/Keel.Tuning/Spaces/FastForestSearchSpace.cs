using Keel.Learn;
using Keel.Learn.Trainers;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Spaces;

/// <summary>FastForest's space: trees 50–500, leaves 8–256 and rows per leaf 1–50, all on log scales.</summary>
public sealed class FastForestSearchSpace : ITrainerSearchSpace
{
    public string Trainer => "fastforest";

    public bool Supports(TaskKind task) => task != TaskKind.Multiclass;

    public IReadOnlyDictionary<string, object> Defaults { get; } = new FastForestTrainer() is var d
        ? new Dictionary<string, object> { ["trees"] = d.Trees, ["leaves"] = d.Leaves, ["min_rows_per_leaf"] = d.MinRowsPerLeaf }
        : [];

    public ITrainer Suggest(Trial trial) => new FastForestTrainer
    {
        Trees = trial.SuggestInt("trees", 50, 500, log: true),
        Leaves = trial.SuggestInt("leaves", 8, 256, log: true),
        MinRowsPerLeaf = trial.SuggestInt("min_rows_per_leaf", 1, 50, log: true),
    };
}

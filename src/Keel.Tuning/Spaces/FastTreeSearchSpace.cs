using Keel.Learn;
using Keel.Learn.Trainers;
using Keel.Tuning.Studies;

namespace Keel.Tuning.Spaces;

/// <summary>FastTree's space: trees 50–500, leaves 8–128, rows per leaf 2–100 and learning rate 0.02–0.3, all on log scales.</summary>
public sealed class FastTreeSearchSpace : ITrainerSearchSpace
{
    public string Trainer => "fasttree";

    public bool Supports(TaskKind task) => task != TaskKind.Multiclass;

    public IReadOnlyDictionary<string, object> Defaults { get; } = new FastTreeTrainer() is var d
        ? new Dictionary<string, object> { ["trees"] = d.Trees, ["leaves"] = d.Leaves, ["min_rows_per_leaf"] = d.MinRowsPerLeaf, ["learning_rate"] = d.LearningRate }
        : [];

    public ITrainer Suggest(Trial trial) => new FastTreeTrainer
    {
        Trees = trial.SuggestInt("trees", 50, 500, log: true),
        Leaves = trial.SuggestInt("leaves", 8, 128, log: true),
        MinRowsPerLeaf = trial.SuggestInt("min_rows_per_leaf", 2, 100, log: true),
        LearningRate = trial.SuggestFloat("learning_rate", 0.02, 0.3, log: true),
    };
}
